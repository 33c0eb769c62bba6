using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// OBJECT ENCODING / REFCOUNT / IDLETIME / FREQ, answered as Redis would for the same value: a string that is an
/// integer fitting a long is "int", up to 44 bytes "embstr", longer "raw"; a hash is "listpack" or "hashtable" as
/// <see cref="HashValue.IsListpack"/> tracks Redis's choice. Idle time and frequency are not tracked here, so they are 0.
/// </summary>
internal static class ObjectCommands
{
    public static RedisReply Encoding(RedisSession session, byte[][] args) =>
        session.Store.Write(args[2], static (writer, key) => writer.TryGet(key, out var entry) ? RedisReply.Of(EncodingOf(entry.Value)) : RedisReply.NullBulk);

    public static RedisReply RefCount(RedisSession session, byte[][] args) =>
        session.Store.Write(args[2], static (writer, key) => writer.Exists(key) ? RedisReply.One : RedisReply.NullBulk);

    public static RedisReply IdleTime(RedisSession session, byte[][] args) =>
        session.Store.Write(args[2], static (writer, key) => writer.Exists(key) ? RedisReply.Zero : RedisReply.NullBulk);

    private static string EncodingOf(CacheValue value) => value switch
    {
        HashValue hash => hash.IsListpack ? "listpack" : "hashtable",
        StringValue { Bytes: var bytes } => bytes.Length <= 20 && RedisArgs.TryInteger(bytes, out _) ? "int"
            : bytes.Length <= 44 ? "embstr"
            : "raw",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, null),
    };
}
