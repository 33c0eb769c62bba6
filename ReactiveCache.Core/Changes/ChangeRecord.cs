namespace ReactiveCache.Changes;

/// <summary>
/// A change as the store records it: a struct, so the write path and the replay ring allocate nothing per
/// change. It becomes a <see cref="CacheChange"/> object only when someone receives it.
/// </summary>
/// <remarks><see cref="Payload"/> is the string value (<c>byte[]</c>) or the hash fields (<c>HashField[]</c>) or the collection's
/// element edits (<c>ElementChange[]</c>) the operations need.</remarks>
internal readonly record struct ChangeRecord(
    long Sequence,
    ChangeKind Kind,
    ChangeOperations Operations,
    ChangeReason Reason,
    byte[] Key,
    ValueKind Type,
    object? Payload,
    byte[]? PreviousValue,
    long ExpiresAtMs,
    MemcachedMetadata? Memcached,
    DateTimeOffset Timestamp,
    int Database)
{
    /// <summary>The <see cref="ExpiresAtMs"/> of a key without expiry; the store's entries use the same value.</summary>
    public const long NoExpiry = long.MaxValue;

    /// <summary>What one record costs beside its arrays: the struct in the ring and the array headers it points to.</summary>
    public const int Overhead = 96;
    private const int FieldOverhead = 32;
    private const int ElementOverhead = 56;

    /// <summary>
    /// What keeping this change costs in bytes, computed while its arrays are still hot in the cache, so
    /// dropping it later never touches them again.
    /// </summary>
    public long Size { get; } = Overhead + Key.Length + SizeOf(Payload) + (PreviousValue?.Length ?? 0);

    public CacheChange ToChange() =>
        new(Sequence, Kind, Reason, Key, Payload as byte[], PreviousValue,
            ExpiresAtMs == NoExpiry ? null : DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAtMs),
            Timestamp,
            Database)
        {
            Operations = Operations,
            Type = Type,
            // Read-only: every subscriber and the replay buffer share the recorded array.
            Fields = Payload is HashField[] fields ? Array.AsReadOnly(fields) : null,
            Elements = Payload is ElementChange[] elements ? Array.AsReadOnly(elements) : null,
            Memcached = Memcached,
        };

    private static long SizeOf(object? payload)
    {
        switch (payload)
        {
            case byte[] value:
                return value.Length;
            case HashField[] fields:
                long size = 0;
                foreach (var field in fields)
                {
                    size += FieldOverhead + field.Name.Length + (field.Value?.Length ?? 0);
                }

                return size;
            case ElementChange[] elements:
                long bytes = 0;
                foreach (var element in elements)
                {
                    bytes += ElementOverhead + element.Element.Length;
                }

                return bytes;
            default:
                return 0;
        }
    }
}
