using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK, ZCOUNT and ZLEXCOUNT: answers of O(1) or O(log n) each.</summary>
internal static class SortedSetReadCommands
{
    public static RedisReply ZCard(RedisSession session, byte[][] args) =>
        session.Store.Write(args[1], static (writer, key) => RedisReply.Of(writer.TryGetSortedSet(key, out _, out var sortedSet) ? sortedSet.Count : 0));

    public static RedisReply ZScore(RedisSession session, byte[][] args) =>
        session.Store.Write((Key: args[1], Member: args[2]), static (writer, state) =>
            writer.TryGetSortedSet(state.Key, out _, out var sortedSet) && sortedSet.TryGetScore(state.Member, out var score)
                ? new RedisReply.Double(score)
                : RedisReply.NullBulk);

    // ZMSCORE key member [member ...]: a score or a null per member; all nulls when there is no sorted set.
    public static RedisReply ZMScore(RedisSession session, byte[][] args) =>
        session.Store.Write(args, static (writer, args) =>
        {
            var found = writer.TryGetSortedSet(args[1], out _, out var sortedSet);
            var scores = new RedisReply[args.Length - 2];
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] = found && sortedSet.TryGetScore(args[i + 2], out var score) ? new RedisReply.Double(score) : RedisReply.NullBulk;
            }

            return (RedisReply)new RedisReply.Array(scores);
        });

    public static RedisReply ZRank(RedisSession session, byte[][] args) => Rank(session, args, reverse: false);

    public static RedisReply ZRevRank(RedisSession session, byte[][] args) => Rank(session, args, reverse: true);

    public static RedisReply ZCount(RedisSession session, byte[][] args) =>
        RangeSyntax.TryParseScores(args[2], args[3], out var range)
            ? Count(session, args[1], range)
            : new RedisReply.Error(RespErrors.MinMaxNotFloat);

    public static RedisReply ZLexCount(RedisSession session, byte[][] args) =>
        RangeSyntax.TryParseLex(args[2], args[3], out var range)
            ? Count(session, args[1], range)
            : new RedisReply.Error(RespErrors.MinMaxNotLex);

    private static RedisReply Rank(RedisSession session, byte[][] args, bool reverse) =>
        session.Store.Write((Key: args[1], Member: args[2], Reverse: reverse), static (writer, state) =>
        {
            if (!writer.TryGetSortedSet(state.Key, out _, out var sortedSet))
            {
                return RedisReply.NullBulk;
            }

            var rank = sortedSet.RankOf(state.Member);
            return rank < 0 ? RedisReply.NullBulk : RedisReply.Of(state.Reverse ? sortedSet.Count - 1 - rank : rank);
        });

    private static RedisReply Count<TRange>(RedisSession session, byte[] key, TRange range)
        where TRange : struct, ISortedSetBound =>
        RedisReply.Of(session.Store.Write((Key: key, Range: range), static (writer, state) =>
            writer.TryGetSortedSet(state.Key, out _, out var sortedSet) ? sortedSet.CountIn(state.Range) : 0));
}
