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
        // Fields set (or a whole hash) as name value pairs; fields deleted as names alone; a collection's elements
        // (or every element of a whole one) as names, with a sorted-set member's score as its value.
        Parts(change),
        change.Fields is null && change.Elements is null ? change.Value : null);

    /// <summary>
    /// A flush names no key: the watcher is told that every key its pattern matches went, in one line with the pattern
    /// where a key would be (<c>CHANGE 9 flushed user:*</c>).
    /// </summary>
    public static Reply.Changed Flushed(CacheChange change, byte[] glob) => new(change.Sequence, OperationWord(change), glob, null, null, null);

    private static KeyValuePair<byte[], byte[]?>[]? Parts(CacheChange change) =>
        change.Fields is { } fields ? [.. fields.Select(field => new KeyValuePair<byte[], byte[]?>(field.Name, field.Value))]
        : change.Elements is { } elements ? [.. elements.Select(element => new KeyValuePair<byte[], byte[]?>(element.Element, Score(change, element)))]
        : null;

    private static byte[]? Score(CacheChange change, ElementChange element) =>
        change.Type == ValueKind.SortedSet && element.Edit == ElementEdit.Added
            ? System.Text.Encoding.ASCII.GetBytes(element.Score.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
            : null;

    /// <summary>
    /// The word a watcher sees for a change, naming what it did: set, setex, hash, list, set-members, zset, expire,
    /// persist, hset, hdel, hdel+del, a collection edit's Redis name (lpush, sadd, zadd..., with +del), del, expired,
    /// evicted, flushed, marked.
    /// </summary>
    public static string OperationWord(CacheChange change)
    {
        if (change.Kind == ChangeKind.Cleared)
        {
            return "flushed";
        }

        // A collection's edit is named as Redis names it (lpush, sadd, zadd...); "+del" when the key went with it.
        if (change.Has(ChangeOperations.ElementsEdited) && Changes.CollectionEventNames.Of(change.Reason) is { } edited)
        {
            return change.Has(ChangeOperations.KeyRemoved) ? edited + "+del" : edited;
        }

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
            return change.Type switch
            {
                ValueKind.Hash => "hash",
                ValueKind.List => "list",
                ValueKind.Set => "set-members",
                ValueKind.SortedSet => "zset",
                _ => SetsExpiry(change) ? "setex" : "set",
            };
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
