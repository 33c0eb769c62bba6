using ReactiveCache.Commands.Redis.SortedSets;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis.Blocking;

/// <summary>
/// BZPOPMIN, BZPOPMAX and BZMPOP (blockingGenericZpopCommand): pop from the first of the keys holding a sorted set,
/// or block until a write serves this client, first come first served among the clients blocked on that key. Inside
/// MULTI they never block: with nothing to pop they answer the timeout's null at once, as Redis does.
/// </summary>
internal static class BlockingSortedSetCommands
{
    public static RedisReply BZPopMin(RedisSession session, byte[][] args) => BZPop(session, args, highest: false);

    public static RedisReply BZPopMax(RedisSession session, byte[][] args) => BZPop(session, args, highest: true);

    // BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]: ZMPOP's reply, or null after the timeout.
    public static RedisReply BZMPop(RedisSession session, byte[][] args)
    {
        if (MultiPop.TryParse(args, numKeysAt: 2, out var pop) is { } error)
        {
            return error;
        }

        return BlockingTimeout.TryParse(args[1], out var timeout, out var timeoutError)
            ? Block(session, pop.Keys, timeout, new MultiPopWait(session.Store, pop))
            : timeoutError!;
    }

    // BZPOPMIN key [key ...] timeout: [key, member, score].
    private static RedisReply BZPop(RedisSession session, byte[][] args, bool highest) =>
        BlockingTimeout.TryParse(args[^1], out var timeout, out var error)
            ? Block(session, args[1..^1], timeout, new PopWait(session.Store, highest))
            : error!;

    private static RedisReply Block(RedisSession session, byte[][] keys, TimeSpan timeout, ZsetWait wait) =>
        session.Store.Write((Keys: keys, Wait: wait, Timeout: timeout, Later: session.CanAnswerLater), static (writer, state) =>
        {
            // A key of another type answers WRONGTYPE, even after an empty key before it (Redis checks each in turn).
            foreach (var key in state.Keys)
            {
                if (writer.TryGetSortedSet(key, out _, out _))
                {
                    return state.Wait.Popped(writer, key)!;
                }
            }

            if (!state.Later)
            {
                return RedisReply.NullArray;
            }

            writer.Block(state.Wait, state.Keys, state.Timeout);
            return state.Wait.Later();
        });

    /// <summary>A client blocked on sorted sets: served by the first of its keys that holds one.</summary>
    private abstract class ZsetWait(CacheStore store) : RedisWait(store, RedisReply.NullArray)
    {
        /// <summary>Pops for this client from <paramref name="key"/>: the reply, or null when it holds no sorted set.</summary>
        public abstract RedisReply? Popped(StoreWriter writer, byte[] key);

        protected override RedisReply? Serve(StoreWriter database, byte[] key) =>
            database.TryPeek(key, out _, out var entry) && entry.Kind == ValueKind.SortedSet ? Popped(database, key) : null;
    }

    private sealed class PopWait(CacheStore store, bool highest) : ZsetWait(store)
    {
        public override RedisReply? Popped(StoreWriter writer, byte[] key) =>
            writer.PopExtremes(key, highest, 1) is { Length: > 0 } popped
                ? SortedSetReplies.Flat(popped, new RedisReply.Bulk(key))
                : null;
    }

    private sealed class MultiPopWait(CacheStore store, MultiPop pop) : ZsetWait(store)
    {
        public override RedisReply? Popped(StoreWriter writer, byte[] key) => pop.Popped(writer, key);
    }
}
