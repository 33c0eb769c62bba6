using ReactiveCache.Protocols.Native;

namespace ReactiveCache.Commands.Native;

/// <summary>
/// What a native watcher is told of one change: the word naming what it did and the parts its <c>CHANGE</c> line
/// carries, derived from the change as Redis's keyspace events are (<c>Commands/Redis/KeyspaceEvents.cs</c>), so the
/// protocol only spells them.
/// </summary>
internal static class NativeChangeLine
{
    public static Reply.Changed Of(CacheChange change) => new(
        change.Sequence,
        OperationWord(change),
        change.Key,
        WritesExpiry(change) ? change.ExpiresAt!.Value.ToUnixTimeMilliseconds() : null,
        // Fields set (or a whole hash) as name value pairs; fields deleted as names alone.
        change.Fields is { } fields ? [.. fields.Select(field => new KeyValuePair<byte[], byte[]?>(field.Name, field.Value))] : null,
        change.Fields is null ? change.Value : null);

    /// <summary>
    /// The word a watcher sees for a change, naming what it did: set, setex, hash, expire, persist, hset, hdel,
    /// hdel+del, del, expired, evicted, flushed, marked.
    /// </summary>
    public static string OperationWord(CacheChange change)
    {
        if (change.Has(ChangeOperations.FieldsDeleted))
        {
            // The key goes with its last fields: Redis's two events, as one word.
            return change.Has(ChangeOperations.KeyRemoved) ? "hdel+del" : "hdel";
        }

        if (change.Has(ChangeOperations.KeyRemoved))
        {
            return change.Kind switch
            {
                ChangeKind.Expired => "expired",
                ChangeKind.Evicted => "evicted",
                _ when change.Reason == ChangeReason.Flush => "flushed",
                _ => "del",
            };
        }

        if (change.Has(ChangeOperations.FieldsSet))
        {
            return "hset";
        }

        if (change.Has(ChangeOperations.ValueSet))
        {
            // A whole hash (COPY, RENAME, MOVE of one) is not a string that happens to hold spaces.
            return change.Type == ValueKind.Hash ? "hash" : SetsExpiry(change) ? "setex" : "set";
        }

        if (change.Has(ChangeOperations.ExpiryChanged))
        {
            return change.ExpiresAt is null ? "persist" : "expire";
        }

        return "marked";
    }

    private static bool SetsExpiry(CacheChange change) => change.Has(ChangeOperations.ExpiryChanged) && change.ExpiresAt is not null;

    // setex and expire carry the new expiry; persist has none to carry.
    private static bool WritesExpiry(CacheChange change) =>
        SetsExpiry(change) || (change.Operations == ChangeOperations.ExpiryChanged && change.ExpiresAt is not null);
}
