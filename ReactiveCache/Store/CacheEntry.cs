namespace ReactiveCache.Store;

/// <summary>
/// One stored value. Entries are immutable: a write replaces the entry, so a reader holding one
/// never sees it change underneath it, and a change can carry the previous entry for free.
/// </summary>
internal sealed record CacheEntry(byte[] Value, long ExpiresAtMs, ulong Cas, uint Flags)
{
    public const long NoExpiry = long.MaxValue;

    public bool HasExpiry => ExpiresAtMs != NoExpiry;

    public bool IsExpiredAt(long nowMs) => ExpiresAtMs <= nowMs;
}
