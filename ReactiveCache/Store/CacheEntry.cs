namespace ReactiveCache.Store;

/// <summary>
/// One stored value. Entries are immutable: a write replaces the entry, so a reader holding one
/// never sees it change underneath it, and a change can carry the previous entry for free.
/// </summary>
/// <remarks>
/// <see cref="Marks"/> is bookkeeping about the entry (memcached's stale and win-token bits), not part of
/// its value: a write starts with none, and changing them publishes no change.
/// </remarks>
internal sealed record CacheEntry(byte[] Value, long ExpiresAtMs, ulong Cas, uint Flags, EntryMarks Marks = EntryMarks.None)
{
    public const long NoExpiry = long.MaxValue;

    public bool HasExpiry => ExpiresAtMs != NoExpiry;

    public bool IsExpiredAt(long nowMs) => ExpiresAtMs <= nowMs;
}
