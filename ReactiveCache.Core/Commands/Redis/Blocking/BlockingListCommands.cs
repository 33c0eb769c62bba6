using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis.Blocking;

/// <summary>
/// BLPOP, BRPOP and BLMPOP (t_list.c's blockingPopGenericCommand): pop from the first of the keys holding a list, or
/// block until a write serves this client, first come first served among the clients blocked on that key. Inside
/// MULTI (and so inside EXEC) they never block: with nothing to pop they answer the timeout's null at once, as Redis does.
/// </summary>
internal static class BlockingListCommands
{
    // BLPOP key [key ...] timeout: [key, element], or a null array after the timeout.
    public static RedisReply BLPop(RedisSession session, byte[][] args) => BlockingPop(session, args[1..^1], args[^1], left: true, count: 0);

    public static RedisReply BRPop(RedisSession session, byte[][] args) => BlockingPop(session, args[1..^1], args[^1], left: false, count: 0);

    // BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]: [key, [elements]], or a null array.
    public static RedisReply BLMPop(RedisSession session, byte[][] args)
    {
        // The timeout is read after the rest, as lmpopGenericCommand parses numkeys and options first.
        if (!ListPopRequest.TryParse(args, 2, out var request, out var error))
        {
            return error!;
        }

        return BlockingPop(session, request.Keys, args[1], request.Left, request.Count);
    }

    // count: 0 for BLPOP and BRPOP (one element, [key, element]); BLMPOP's count ([key, [elements]]).
    private static RedisReply BlockingPop(RedisSession session, byte[][] keys, byte[] timeoutArgument, bool left, long count)
    {
        if (!BlockingTimeout.TryParse(timeoutArgument, out var timeout, out var error))
        {
            return error!;
        }

        var wait = session.CanAnswerLater ? new PopWait(session.Store, left, count) : null;
        return session.Store.Write((Keys: keys, Left: left, Count: count, Wait: wait, Timeout: timeout), static (writer, state) =>
        {
            // A key of another type answers WRONGTYPE, even after an empty list before it (as Redis checks each in turn).
            foreach (var key in state.Keys)
            {
                if (PopWait.Popped(writer, key, state.Left, state.Count) is { } reply)
                {
                    return reply;
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

    /// <summary>A client blocked in BLPOP, BRPOP or BLMPOP: served by the first list pushed among its keys.</summary>
    private sealed class PopWait(CacheStore store, bool left, long count) : RedisWait(store, RedisReply.NullArray)
    {
        /// <summary>
        /// Pops from the list at <paramref name="key"/>: [key, element] (or BLMPOP's [key, [elements]]), or null when
        /// there is no list. Another type throws <see cref="WrongTypeException"/>.
        /// </summary>
        public static RedisReply? Popped(StoreWriter writer, byte[] key, bool left, long count) =>
            writer.Pop(key, left, Math.Max(count, 1)) switch
            {
                null => null,
                var elements when count == 0 => new RedisReply.Array([new RedisReply.Bulk(key), new RedisReply.Bulk(elements[0])]),
                var elements => ListReplies.KeyAndElements(null, key, elements),
            };

        // Served from a key that now holds another type: not this wait's business (Redis skips it), so it waits on.
        protected override RedisReply? Serve(StoreWriter database, byte[] key) =>
            database.TryPeek(key, out _, out var entry) && entry.Kind == ValueKind.List ? Popped(database, key, left, count) : null;
    }
}
