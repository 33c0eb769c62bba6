namespace ReactiveCache.Commands.Redis;

/// <summary>
/// OBJECT ENCODING / REFCOUNT / IDLETIME / FREQ for strings, answered as Redis would for the same value
/// (an integer that fits a long is "int", up to 44 bytes "embstr", longer "raw"). Idle time and frequency are
/// not tracked here, so they are 0.
/// </summary>
internal static class ObjectCommands
{
    public static RedisReply Encoding(RedisSession session, byte[][] args) =>
        session.Store.TryGet(args[2], out var value) ? RedisReply.Of(EncodingOf(value)) : RedisReply.NullBulk;

    public static RedisReply RefCount(RedisSession session, byte[][] args) =>
        session.Store.TryGet(args[2], out _) ? RedisReply.One : RedisReply.NullBulk;

    public static RedisReply IdleTime(RedisSession session, byte[][] args) =>
        session.Store.TryGet(args[2], out _) ? RedisReply.Zero : RedisReply.NullBulk;

    private static string EncodingOf(byte[] value) =>
        value.Length <= 20 && RedisArgs.TryInteger(value, out _) ? "int"
        : value.Length <= 44 ? "embstr"
        : "raw";
}
