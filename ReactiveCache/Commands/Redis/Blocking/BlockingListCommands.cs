using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis.Blocking;

/// <summary>
/// BLPOP and BRPOP (t_list.c's blockingPopGenericCommand): pop from the first of the keys holding a list, or block
/// until a write serves this client, first come first served among the clients blocked on that key. Inside MULTI
/// (and so inside EXEC) they never block: with nothing to pop they answer the timeout's null at once, as Redis does.
/// </summary>
internal static class BlockingListCommands
{
    public static RedisReply BLPop(RedisSession session, byte[][] args) => BlockingPop(session, args, left: true);

    public static RedisReply BRPop(RedisSession session, byte[][] args) => BlockingPop(session, args, left: false);

    private static RedisReply BlockingPop(RedisSession session, byte[][] args, bool left)
    {
        if (!BlockingTimeout.TryParse(args[^1], out var timeout, out var error))
        {
            return error!;
        }

        var keys = args[1..^1];
        var wait = session.CanAnswerLater ? new PopWait(session.Store, left) : null;
        return session.Store.Write((Keys: keys, Left: left, Wait: wait, Timeout: timeout), static (writer, state) =>
        {
            // A key of another type answers WRONGTYPE, even after an empty list before it (as Redis checks each in turn).
            foreach (var key in state.Keys)
            {
                if (writer.TryGetList(key, out _, out _))
                {
                    return PopWait.Popped(writer, key, state.Left)!;
                }
            }

            if (state.Wait is null)
            {
                return RedisReply.NullArray;
            }

            writer.Block(state.Wait, state.Keys, state.Timeout);
            return state.Wait.Later();
        });
    }

    /// <summary>A client blocked in BLPOP or BRPOP: served by the first list pushed among its keys.</summary>
    private sealed class PopWait(CacheStore store, bool left) : RedisWait(store, RedisReply.NullArray)
    {
        /// <summary>Pops one element of the list at <paramref name="key"/>: the reply [key, element], or null when there is no list.</summary>
        public static RedisReply? Popped(StoreWriter writer, byte[] key, bool left) =>
            writer.TryPeek(key, out _, out var entry) && entry.Kind == ValueKind.List && writer.Pop(key, left) is [var element]
                ? new RedisReply.Array([new RedisReply.Bulk(key), new RedisReply.Bulk(element)])
                : null;

        protected override RedisReply? Serve(StoreWriter database, byte[] key) => Popped(database, key, left);
    }
}
