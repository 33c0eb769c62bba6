using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>SELECT, DBSIZE, FLUSHDB and FLUSHALL over the server's numbered databases.</summary>
internal static class DatabaseCommands
{
    public static RedisReply Select(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryInteger(args[1], out var index) || index < int.MinValue || index > int.MaxValue)
        {
            return RedisReply.NotInteger;
        }

        if (index < 0 || index >= session.Server.Databases.Count)
        {
            return new RedisReply.Error(RespErrors.DbIndexOutOfRange);
        }

        session.Select((int)index);
        return RedisReply.Ok;
    }

    public static RedisReply DbSize(RedisSession session, byte[][] args) => RedisReply.Of(session.Store.Count);

    public static RedisReply FlushDb(RedisSession session, byte[][] args)
    {
        if (!IsFlushMode(args))
        {
            return RedisReply.Syntax;
        }

        Flush(session.Store);
        return RedisReply.Ok;
    }

    public static RedisReply FlushAll(RedisSession session, byte[][] args)
    {
        if (!IsFlushMode(args))
        {
            return RedisReply.Syntax;
        }

        // One write around all of them: the flushes of every database commit as one batch, under the one lock.
        session.Store.Write(session.Server.Databases, static (_, databases) =>
        {
            foreach (var database in databases)
            {
                Flush(database);
            }

            return 0;
        });
        return RedisReply.Ok;
    }

    // FLUSHDB [ASYNC | SYNC]: both flush at once here.
    private static bool IsFlushMode(byte[][] args) =>
        args.Length == 1 || (args.Length == 2 && (RedisArgs.Is(args[1], "ASYNC") || RedisArgs.Is(args[1], "SYNC")));

    private static void Flush(CacheStore store) => store.Write(0, static (writer, _) => writer.Clear());
}
