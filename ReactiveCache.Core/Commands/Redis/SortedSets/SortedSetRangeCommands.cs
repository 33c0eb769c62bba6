using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>
/// ZRANGE and its older forms (ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX) and
/// ZRANGESTORE. The lock gives a snapshot of the members taken; a big reply is built from it off the socket thread.
/// </summary>
internal static class SortedSetRangeCommands
{
    public static RedisReply ZRange(RedisSession session, byte[][] args) => Range(session, args, by: null, reverse: null);

    public static RedisReply ZRevRange(RedisSession session, byte[][] args) => Range(session, args, RangeBy.Rank, reverse: true);

    public static RedisReply ZRangeByScore(RedisSession session, byte[][] args) => Range(session, args, RangeBy.Score, reverse: false);

    public static RedisReply ZRevRangeByScore(RedisSession session, byte[][] args) => Range(session, args, RangeBy.Score, reverse: true);

    public static RedisReply ZRangeByLex(RedisSession session, byte[][] args) => Range(session, args, RangeBy.Lex, reverse: false);

    public static RedisReply ZRevRangeByLex(RedisSession session, byte[][] args) => Range(session, args, RangeBy.Lex, reverse: true);

    // ZRANGESTORE dst src min max [BYSCORE|BYLEX] [REV] [LIMIT offset count]: how many members dst holds now.
    public static RedisReply ZRangeStore(RedisSession session, byte[][] args)
    {
        if (RangeQuery.TryParse(args, first: 3, by: null, reverse: null, store: true, out var query) is { } error)
        {
            return error;
        }

        var limits = SortedSetAddCommands.Limits(session);
        return RedisReply.Of(session.Store.Write((Destination: args[1], Source: args[2], Query: query, Limits: limits), static (writer, state) =>
        {
            var result = new SortedSetValue();
            if (writer.TryGetSortedSet(state.Source, out _, out var source))
            {
                foreach (var (member, score) in state.Query.Take(source))
                {
                    result.Set(member, score, state.Limits, out _);
                }
            }

            return writer.StoreSortedSet(state.Destination, result, state.Limits, ChangeReason.SortedSetRangeStore);
        }));
    }

    private static RedisReply Range(RedisSession session, byte[][] args, RangeBy? by, bool? reverse)
    {
        if (RangeQuery.TryParse(args, first: 2, by, reverse, store: false, out var query) is { } error)
        {
            return error;
        }

        var members = session.Store.Write((Key: args[1], Query: query), static (writer, state) =>
            writer.TryGetSortedSet(state.Key, out _, out var sortedSet) ? state.Query.Take(sortedSet) : []);
        return SortedSetReplies.Members(session, members, query.WithScores);
    }
}
