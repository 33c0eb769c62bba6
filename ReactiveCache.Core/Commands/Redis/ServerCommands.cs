using System.Globalization;
using System.Text;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>TIME, SHUTDOWN, CLUSTER, ROLE and LASTSAVE.</summary>
internal static class ServerCommands
{
    public static RedisReply Time(RedisSession session, byte[][] args)
    {
        var now = session.Server.Databases[0].Scheduler.Now;
        var micros = (now - DateTimeOffset.UnixEpoch).Ticks / 10;
        return new RedisReply.Array(
        [
            Number(micros / 1_000_000),
            Number(micros % 1_000_000),
        ]);
    }

    // SHUTDOWN [NOSAVE | SAVE] [NOW] [FORCE] [ABORT]: there is nothing to save; the server stops.
    public static RedisReply Shutdown(RedisSession session, byte[][] args)
    {
        if (args.Skip(1).Any(arg => RedisArgs.Is(arg, "ABORT")))
        {
            return new RedisReply.Error(RespErrors.NoShutdownInProgress);
        }

        session.CloseAfterReply();
        session.Server.RequestShutdown();
        return RedisReply.Ok;
    }

    public static RedisReply Cluster(RedisSession session, byte[][] args) => new RedisReply.Error(RespErrors.ClusterDisabled);

    public static RedisReply Role(RedisSession session, byte[][] args) =>
        new RedisReply.Array([RedisReply.Of("master"), RedisReply.Zero, RedisReply.EmptyArray]);

    public static RedisReply LastSave(RedisSession session, byte[][] args) =>
        RedisReply.Of(session.Server.StartedAt.ToUnixTimeSeconds());

    private static RedisReply Number(long value) =>
        new RedisReply.Bulk(Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture)));
}
