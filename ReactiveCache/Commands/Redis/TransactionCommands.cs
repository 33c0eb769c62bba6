using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// MULTI, EXEC, DISCARD, WATCH and UNWATCH (multi.c). EXEC runs the queue under the selected database's
/// lock, so no other client's command lands between them there; a WATCHed key whose CAS changed (any write,
/// delete or expiry) makes EXEC answer a null array and run nothing.
/// </summary>
internal static class TransactionCommands
{
    public static RedisReply Multi(RedisSession session, byte[][] args)
    {
        if (session.Transaction is not null)
        {
            return new RedisReply.Error(RespErrors.MultiNested);
        }

        session.Transaction = new RedisTransaction();
        return RedisReply.Ok;
    }

    public static RedisReply Discard(RedisSession session, byte[][] args)
    {
        if (session.Transaction is null)
        {
            return new RedisReply.Error(RespErrors.DiscardWithoutMulti);
        }

        session.Transaction = null;
        session.WatchedKeys.Clear();
        return RedisReply.Ok;
    }

    public static RedisReply Exec(RedisSession session, byte[][] args)
    {
        if (session.Transaction is not { } transaction)
        {
            return new RedisReply.Error(RespErrors.ExecWithoutMulti);
        }

        session.Transaction = null;
        if (transaction.Failed)
        {
            session.WatchedKeys.Clear();
            return new RedisReply.Error(RespErrors.ExecAbort);
        }

        return session.Store.Write((Session: session, Transaction: transaction), static (_, state) => Run(state.Session, state.Transaction));
    }

    public static RedisReply Watch(RedisSession session, byte[][] args)
    {
        if (session.Transaction is not null)
        {
            return new RedisReply.Error(RespErrors.WatchInsideMulti);
        }

        foreach (var key in args.Skip(1))
        {
            var cas = session.Store.Write(key, static (writer, key) => writer.TryGet(key, out var entry) ? entry.Version : 0UL);
            session.WatchedKeys.Add(new WatchedKey(session.DatabaseIndex, key, cas));
        }

        return RedisReply.Ok;
    }

    public static RedisReply Unwatch(RedisSession session, byte[][] args)
    {
        session.WatchedKeys.Clear();
        return RedisReply.Ok;
    }

    // Runs under the store's lock (it is re-entrant, so each command's own Write nests inside it).
    private static RedisReply Run(RedisSession session, RedisTransaction transaction)
    {
        var touched = session.WatchedKeys.Any(watched => session.Server.Databases[watched.Database].Write(watched, static (writer, watched) =>
            (writer.TryGet(watched.Key, out var entry) ? entry.Version : 0UL) != watched.Cas));
        session.WatchedKeys.Clear();
        if (touched)
        {
            return RedisReply.NullArray;
        }

        return new RedisReply.Array(transaction.Queued.Select(queued => session.Invoke(queued.Command, queued.Args)).ToArray());
    }
}
