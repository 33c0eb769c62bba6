using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>MONITOR (monitorCommand in server.c): +OK, then a line for every command any client runs.</summary>
internal static class MonitorCommand
{
    public static RedisReply Monitor(RedisSession session, byte[][] args)
    {
        // The OK goes out before the first line: the lines are pushes, written after this command's reply.
        session.StartMonitoring();
        return RedisReply.Ok;
    }
}
