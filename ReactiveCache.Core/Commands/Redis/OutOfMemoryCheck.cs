using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// processCommand's maxmemory step in server.c (Redis 7.0): with a limit set, every command first lets the store
/// evict; if it is still full with nothing it may evict, a denyoom command is refused with -OOM, and so is every
/// command queued inside MULTI (queueing takes memory too) but EXEC, DISCARD, QUIT and RESET. EXEC itself is refused
/// when its queue holds a denyoom command, and then aborts the transaction as execCommandAbort does.
/// </summary>
internal static class OutOfMemoryCheck
{
    private static readonly string[] s_allowedInMulti = ["exec", "discard", "quit", "reset"];

    /// <summary>The reply that refuses <paramref name="command"/>, or null when it may run.</summary>
    public static RedisReply? Refusal(RedisSession session, RedisCommand command)
    {
        var store = session.Store;
        if (store.MaxMemory == 0)
        {
            return null;
        }

        var transaction = session.Transaction;
        var isExec = transaction is not null && command.Name == "exec";
        var denyOom = command.Has(RedisCommandFlags.DenyOom) || (isExec && transaction!.QueuedDenyOom);
        var rejectOnOom = denyOom || (transaction is not null && !s_allowedInMulti.Contains(command.Name));

        // RefusesWrites evicts first whenever the store is over its limit, as performEvictions runs before any command;
        // a command that could not be refused anyway (a read outside MULTI) lets its own write do that.
        if (!rejectOnOom || !store.RefusesWrites())
        {
            return null;
        }

        session.Server.CommandStatistics.Reject(command);
        if (!isExec)
        {
            transaction?.Fail();
            return RedisReply.OutOfMemory;
        }

        session.Transaction = null;
        session.Unwatch();
        return new RedisReply.Error(string.Format(RespErrors.ExecAbortBecause, RespErrors.OutOfMemory));
    }
}
