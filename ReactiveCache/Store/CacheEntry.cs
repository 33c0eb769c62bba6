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

    /// <summary>
    /// The key array the dictionary holds for this entry, so a write to an existing key finds it in the slot it
    /// replaces instead of hashing the key a second time.
    /// </summary>
    public byte[] Key { get; init; } = [];

    /// <summary>The key's place in its database's <see cref="KeySlots"/>, kept from the entry it replaces.</summary>
    public int Slot { get; init; }

    /// <summary>The latest expiry a clock can represent (the last millisecond of year 9999).</summary>
    public static readonly long LatestExpiry = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>The earliest expiry a clock can represent (year 1; anything before is long past anyway).</summary>
    public static readonly long EarliestExpiry = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

    /// <summary>
    /// Brings an expiry a client asked for into what a clock can represent: a time to live of a billion years
    /// means "as late as possible", not a crash when the expiry timer is armed.
    /// </summary>
    public static long Representable(long expiresAtMs) =>
        expiresAtMs == NoExpiry ? NoExpiry : Math.Clamp(expiresAtMs, EarliestExpiry, LatestExpiry);

    public bool HasExpiry => ExpiresAtMs != NoExpiry;

    public bool IsExpiredAt(long nowMs) => ExpiresAtMs <= nowMs;
}
