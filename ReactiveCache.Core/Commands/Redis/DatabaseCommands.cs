using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>SELECT, DBSIZE, FLUSHDB and FLUSHALL over the server's numbered databases.</summary>
internal static class DatabaseCommands
{
    public static RedisReply Select(RedisSession session, byte[][] args)
    {
        if (!TryDatabase(session, args[1], out var index, out var error))
        {
            return error;
        }

        session.Select(index);
        return RedisReply.Ok;
    }

    public static RedisReply DbSize(RedisSession session, byte[][] args) => RedisReply.Of(session.Store.Count);

    public static RedisReply FlushDb(RedisSession session, byte[][] args)
    {
        if (!IsFlushMode(args))
        {
            return RedisReply.Syntax;
        }

        session.Store.Flush();
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
                database.Flush();
            }

            return 0;
        });
        return RedisReply.Ok;
    }

    // SWAPDB index1 index2: the two databases exchange their keys in one write (StoreWriter.Swap); clients blocked or
    // watching keep their database number, and are served or touched by what the swap brought, as in Redis.
    public static RedisReply SwapDb(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryInteger(args[1], out var first) || first is < int.MinValue or > int.MaxValue)
        {
            return new RedisReply.Error("ERR invalid first DB index");
        }

        if (!RedisArgs.TryInteger(args[2], out var second) || second is < int.MinValue or > int.MaxValue)
        {
            return new RedisReply.Error("ERR invalid second DB index");
        }

        var databases = session.Server.Databases;
        if (first < 0 || first >= databases.Count || second < 0 || second >= databases.Count)
        {
            return new RedisReply.Error(RespErrors.DbIndexOutOfRange);
        }

        session.Store.Write((First: databases[(int)first], Second: databases[(int)second]), static (_, pair) =>
            pair.First.Write(pair.Second, static (first, second) =>
                second.Write(first, static (secondWriter, firstWriter) =>
                {
                    StoreWriter.Swap(firstWriter, secondWriter);
                    return 0;
                })));
        return RedisReply.Ok;
    }

    /// <summary>A database number as SELECT, COPY ... DB and MOVE read it, or the error Redis answers.</summary>
    public static bool TryDatabase(RedisSession session, byte[] arg, out int index, out RedisReply error)
    {
        index = 0;
        error = RedisReply.Ok;
        if (!RedisArgs.TryInteger(arg, out var number) || number < int.MinValue || number > int.MaxValue)
        {
            error = RedisReply.NotInteger;
            return false;
        }

        if (number < 0 || number >= session.Server.Databases.Count)
        {
            error = new RedisReply.Error(RespErrors.DbIndexOutOfRange);
            return false;
        }

        index = (int)number;
        return true;
    }

    // FLUSHDB [ASYNC | SYNC], as FLUSHALL: both return once the keys are gone, with used_memory down at once; the
    // values' memory goes back to the runtime at its next full collection (under a limit GarbageNudge asks for one), so
    // ASYNC is what both are, and lazyfree-lazy-user-flush changes nothing (LazyfreeConfig).
    private static bool IsFlushMode(byte[][] args) =>
        args.Length == 1 || (args.Length == 2 && (RedisArgs.Is(args[1], "ASYNC") || RedisArgs.Is(args[1], "SYNC")));

}
