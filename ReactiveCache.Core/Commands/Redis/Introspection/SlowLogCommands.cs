using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>SLOWLOG GET [count], LEN, RESET and HELP (slowlogCommand in slowlog.c).</summary>
internal static class SlowLogCommands
{
    public static RedisReply Get(RedisSession session, byte[][] args)
    {
        long count = 10;
        if (args.Length == 3 && (!RedisArgs.TryInteger(args[2], out count) || count < -1))
        {
            return new RedisReply.Error(RespErrors.SlowLogCount);
        }

        var entries = session.Server.Recorder.SlowLog.Latest(count);
        return new RedisReply.Array(entries.Select(Entry).ToArray());
    }

    public static RedisReply Len(RedisSession session, byte[][] args) => RedisReply.Of(session.Server.Recorder.SlowLog.Count);

    public static RedisReply Reset(RedisSession session, byte[][] args)
    {
        session.Server.Recorder.SlowLog.Reset();
        return RedisReply.Ok;
    }

    public static RedisReply Help(RedisSession session, byte[][] args) => HelpReply.For("slowlog",
        "GET [<count>]",
        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
        "    Entries are made of:",
        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
        "    client name",
        "LEN",
        "    Return the length of the slowlog.",
        "RESET",
        "    Reset the slowlog.");

    private static RedisReply Entry(SlowLogEntry entry) => new RedisReply.Array([
        RedisReply.Of(entry.Id),
        RedisReply.Of(entry.UnixSeconds),
        RedisReply.Of(entry.Microseconds),
        new RedisReply.Array(entry.Arguments.Select(argument => (RedisReply)new RedisReply.Bulk(argument)).ToArray()),
        RedisReply.Of(entry.Peer),
        RedisReply.Of(entry.ClientName),
    ]);
}
