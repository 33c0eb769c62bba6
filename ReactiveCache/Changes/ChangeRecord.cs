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
    DateTimeOffset Timestamp)
{
    public CacheChange ToChange() =>
        new(Sequence, Kind, Reason, Key, Value, PreviousValue,
            ExpiresAtMs == CacheEntry.NoExpiry ? null : DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAtMs),
            Timestamp);
}
