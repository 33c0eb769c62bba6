using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// OBJECT ENCODING / REFCOUNT / IDLETIME / FREQ, answered as Redis would for the same value: a string that is an
/// integer fitting a long is "int", up to 44 bytes "embstr", longer "raw"; a hash is "listpack" or "hashtable" as
/// <see cref="HashValue.IsListpack"/> tracks Redis's choice. IDLETIME (seconds since the last use, from the store's
/// sub-millisecond LRU stamp) and FREQ (the LFU counter, decayed to now) read the key without counting it as used, as
/// Redis's LOOKUP_NOTOUCH; each answers Redis's error when the policy does not track what it asks.
/// </summary>
internal static class ObjectCommands
{
    public static RedisReply Encoding(RedisSession session, byte[][] args) =>
        session.Store.Write(args[2], static (writer, key) =>
            writer.TryGetUntouched(key, out _, out var entry) ? RedisReply.Of(EncodingOf(entry.Value)) : RedisReply.NullBulk);

    public static RedisReply RefCount(RedisSession session, byte[][] args) =>
        session.Store.Write(args[2], static (writer, key) => writer.TryGetUntouched(key, out _, out _) ? RedisReply.One : RedisReply.NullBulk);

    public static RedisReply IdleTime(RedisSession session, byte[][] args) =>
        session.Store.Write(args[2], static (writer, key) =>
            !writer.TryGetUntouched(key, out _, out var entry) ? RedisReply.NullBulk
            : writer.Memory.Policy.IsLfu() ? new RedisReply.Error(RespErrors.IdleTimeNotTracked)
            : new RedisReply.Integer(writer.IdleMs(entry) / 1000));

    public static RedisReply Frequency(RedisSession session, byte[][] args) =>
        session.Store.Write(args[2], static (writer, key) =>
            !writer.TryGetUntouched(key, out _, out var entry) ? RedisReply.NullBulk
            : !writer.Memory.Policy.IsLfu() ? new RedisReply.Error(RespErrors.FrequencyNotTracked)
            : new RedisReply.Integer(writer.Frequency(entry)));

    private static string EncodingOf(CacheValue value) => value switch
    {
        HashValue hash => hash.IsListpack ? "listpack" : "hashtable",
        SetValue set => set.IsIntset ? "intset" : "hashtable",
        ListValue => "quicklist",
        SortedSetValue sortedSet => sortedSet.IsListpack ? "listpack" : "skiplist",
        StringValue { Bytes: var bytes } => bytes.Length <= 20 && RedisArgs.TryInteger(bytes, out _) ? "int"
            : bytes.Length <= 44 ? "embstr"
            : "raw",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };
}
