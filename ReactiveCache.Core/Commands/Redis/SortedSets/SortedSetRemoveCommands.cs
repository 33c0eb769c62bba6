using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>ZREM, ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX, ZPOPMIN, ZPOPMAX and ZMPOP: one change each.</summary>
internal static class SortedSetRemoveCommands
{
    public static RedisReply ZRem(RedisSession session, byte[][] args) =>
        RedisReply.Of(session.Store.Write(args, static (writer, args) => writer.RemoveScored(args[1], args.AsSpan(2))));

    public static RedisReply ZRemRangeByRank(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryInteger(args[2], out var start) || !RedisArgs.TryInteger(args[3], out var stop))
        {
            return RedisReply.NotInteger;
        }

        return RedisReply.Of(session.Store.Write((Key: args[1], Start: start, Stop: stop), static (writer, state) =>
        {
            if (!writer.TryGetSortedSet(state.Key, out var entry, out var sortedSet))
            {
                return 0;
            }

            var (first, last) = SortedSetRanges.ClampRanks(state.Start, state.Stop, sortedSet.Count);
            return writer.RemoveRun(entry, sortedSet.AtRank(first), last - first + 1, downwards: false, ChangeReason.SortedSetRemoveRangeByRank).Length;
        }));
    }

    public static RedisReply ZRemRangeByScore(RedisSession session, byte[][] args) =>
        RangeSyntax.TryParseScores(args[2], args[3], out var range)
            ? RemoveRange(session, args[1], range, ChangeReason.SortedSetRemoveRangeByScore)
            : new RedisReply.Error(RespErrors.MinMaxNotFloat);

    public static RedisReply ZRemRangeByLex(RedisSession session, byte[][] args) =>
        RangeSyntax.TryParseLex(args[2], args[3], out var range)
            ? RemoveRange(session, args[1], range, ChangeReason.SortedSetRemoveRangeByLex)
            : new RedisReply.Error(RespErrors.MinMaxNotLex);

    public static RedisReply ZPopMin(RedisSession session, byte[][] args) => Pop(session, args, highest: false);

    public static RedisReply ZPopMax(RedisSession session, byte[][] args) => Pop(session, args, highest: true);

    // ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: [key, [[member, score]...]] from the first key with a sorted set.
    public static RedisReply ZMPop(RedisSession session, byte[][] args)
    {
        if (MultiPop.TryParse(args, numKeysAt: 1, out var pop) is { } error)
        {
            return error;
        }

        return session.Store.Write(pop, static (writer, pop) =>
        {
            foreach (var key in pop.Keys)
            {
                if (pop.Popped(writer, key) is { } reply)
                {
                    return reply;
                }
            }

            return RedisReply.NullArray;
        });
    }

    // ZPOPMIN key [count]: flat in RESP2 and without a count; [member, score] pairs in RESP3 with one.
    private static RedisReply Pop(RedisSession session, byte[][] args, bool highest)
    {
        if (args.Length > 3)
        {
            return RedisReply.Syntax;
        }

        // getPositiveLongFromObjectOrReply: not a number and negative get the same answer.
        long count = 1;
        if (args.Length == 3 && (!RedisArgs.TryInteger(args[2], out count) || count < 0))
        {
            return new RedisReply.Error(RespErrors.NotPositive);
        }

        var popped = session.Store.Write((Key: args[1], Highest: highest, Count: count), static (writer, state) =>
            writer.PopExtremes(state.Key, state.Highest, state.Count));
        if (popped is null or [])
        {
            return RedisReply.EmptyArray;
        }

        return args.Length == 3 && session.Protocol >= 3 ? SortedSetReplies.Pairs(popped) : SortedSetReplies.Flat(popped);
    }

    private static RedisReply RemoveRange<TRange>(RedisSession session, byte[] key, TRange range, ChangeReason reason)
        where TRange : struct, ISortedSetBound =>
        RedisReply.Of(session.Store.Write((Key: key, Range: range, Reason: reason), static (writer, state) =>
        {
            if (!writer.TryGetSortedSet(state.Key, out var entry, out var sortedSet) || sortedSet.FirstIn(state.Range) is not { } first)
            {
                return 0;
            }

            return writer.RemoveRun(entry, first, sortedSet.CountIn(state.Range), downwards: false, state.Reason).Length;
        }));
}
