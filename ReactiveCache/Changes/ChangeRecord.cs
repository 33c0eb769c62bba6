using ReactiveCache.Store;

namespace ReactiveCache.Changes;

/// <summary>
/// A change as the store records it: a struct, so the write path and the replay ring allocate nothing per
/// change. It becomes a <see cref="CacheChange"/> object only when someone receives it.
/// </summary>
internal readonly record struct ChangeRecord(
    long Sequence,
    ChangeKind Kind,
    ChangeReason Reason,
    byte[] Key,
    byte[]? Value,
    byte[]? PreviousValue,
    long ExpiresAtMs,
    DateTimeOffset Timestamp,
    int Database)
{
    private const int Overhead = 64;

    /// <summary>
    /// What keeping this change costs in bytes, computed while its arrays are still hot in the cache, so
    /// dropping it later never touches them again.
    /// </summary>
    public long Size { get; } = Overhead + Key.Length + (Value?.Length ?? 0) + (PreviousValue?.Length ?? 0);

    public CacheChange ToChange() =>
        new(Sequence, Kind, Reason, Key, Value, PreviousValue,
            ExpiresAtMs == CacheEntry.NoExpiry ? null : DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAtMs),
            Timestamp,
            Database);
}
