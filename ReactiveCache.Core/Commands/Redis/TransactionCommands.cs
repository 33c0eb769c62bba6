using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// MULTI, EXEC, DISCARD, WATCH and UNWATCH (multi.c). EXEC runs the queue under the selected database's
/// lock, so no other client's command lands between them there; a WATCHed key whose CAS changed (any write,
/// delete or expiry), or that the <see cref="WatchRegistry"/> saw touched, makes EXEC answer a null array and
/// run nothing.
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
        session.Unwatch();
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
            session.Unwatch();
            return new RedisReply.Error(RespErrors.ExecAbort);
        }

        RedisReply reply;
        session.RunningTransaction = true;
        try
        {
            reply = session.Store.Write((Session: session, Transaction: transaction), static (_, state) => Run(state.Session, state.Transaction));
        }
        finally
        {
            session.RunningTransaction = false;
            session.Server.Recorder.ReleaseHeld(session);
        }

        session.Unwatch();
        return reply;
    }

    public static RedisReply Watch(RedisSession session, byte[][] args)
    {
        if (session.Transaction is not null)
        {
            return new RedisReply.Error(RespErrors.WatchInsideMulti);
        }

        foreach (var key in args.Skip(1).Where(key => !session.IsWatching(session.DatabaseIndex, key)))
        {
            // Registered before the version is read, so no change falls unseen between the two.
            session.Server.Watches.Add(session, session.DatabaseIndex, key, existed: Version(session.Store, key) != 0);
            session.WatchedKeys.Add(new WatchedKey(session.DatabaseIndex, key, Version(session.Store, key)));
        }

        return RedisReply.Ok;
    }

    public static RedisReply Unwatch(RedisSession session, byte[][] args)
    {
        session.Unwatch();
        return RedisReply.Ok;
    }

    // Runs under the store's lock (it is re-entrant, so each command's own Write nests inside it). The keys stay
    // watched until EXEC returns: forgetting them may detach the registry, which must not happen under a store lock.
    private static RedisReply Run(RedisSession session, RedisTransaction transaction)
    {
        var touched = session.WatchTouched
            || session.WatchedKeys.Any(watched => Version(session.Server.Databases[watched.Database], watched.Key) != watched.Cas);
        if (touched)
        {
            return RedisReply.NullArray;
        }

        return new RedisReply.Array(transaction.Queued.Select(queued => session.Invoke(queued.Command, queued.Args)).ToArray());
    }

    // 0 for a key that does not exist (or has expired: reading it expires it).
    private static ulong Version(CacheStore database, byte[] key) =>
        database.Write(key, static (writer, key) => writer.TryGet(key, out var entry) ? entry.Version : 0UL);
}
