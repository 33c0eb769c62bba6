using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>
/// ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD (zunionInterDiffGenericCommand): "numkeys key [key ...]"
/// then WEIGHTS, AGGREGATE SUM|MIN|MAX, WITHSCORES or LIMIT as each allows. Plain sets count as sorted sets whose
/// scores are all 1. As in Redis, the keys are looked up (WRONGTYPE) before a bad option is reported.
/// </summary>
internal static class SortedSetAlgebraCommands
{
    // A result is built as a skiplist (no listpack rounding of -0 to 0); a STORE settles its encoding afterwards.
    private static readonly ListpackLimits s_building = new(0, 0);

    public static RedisReply ZUnion(RedisSession session, byte[][] args) => Combine(session, args, Operation.Union, store: false);

    public static RedisReply ZInter(RedisSession session, byte[][] args) => Combine(session, args, Operation.Inter, store: false);

    public static RedisReply ZDiff(RedisSession session, byte[][] args) => Combine(session, args, Operation.Diff, store: false);

    public static RedisReply ZUnionStore(RedisSession session, byte[][] args) => Combine(session, args, Operation.Union, store: true);

    public static RedisReply ZInterStore(RedisSession session, byte[][] args) => Combine(session, args, Operation.Inter, store: true);

    public static RedisReply ZDiffStore(RedisSession session, byte[][] args) => Combine(session, args, Operation.Diff, store: true);

    // ZINTERCARD numkeys key [key ...] [LIMIT limit]: how many members all the keys share, counting stops at LIMIT.
    public static RedisReply ZInterCard(RedisSession session, byte[][] args)
    {
        if (AlgebraQuery.TryParseKeys(args, 1, out var keys) is { } error)
        {
            return error;
        }

        var query = AlgebraQuery.Parse(args, 2 + keys.Length, keys, Operation.Inter, cardinality: true, store: true);
        return session.Store.Write(query, static (writer, query) =>
        {
            var sources = query.Sources(writer);
            return query.Error ?? RedisReply.Of(Algebra.InterCard(sources, query.Limit));
        });
    }

    private static RedisReply Combine(RedisSession session, byte[][] args, Operation operation, bool store)
    {
        var numKeysAt = store ? 2 : 1;
        if (AlgebraQuery.TryParseKeys(args, numKeysAt, out var keys) is { } error)
        {
            return error;
        }

        var query = AlgebraQuery.Parse(args, numKeysAt + 1 + keys.Length, keys, operation, cardinality: false, store);
        if (store)
        {
            var limits = SortedSetAddCommands.Limits(session);
            return session.Store.Write((Query: query, Destination: args[1], Limits: limits), static (writer, state) =>
            {
                var sources = state.Query.Sources(writer);
                if (state.Query.Error is { } error)
                {
                    return error;
                }

                var result = Algebra.Combine(state.Query, sources, s_building);
                return RedisReply.Of(writer.StoreSortedSet(state.Destination, result, state.Limits, Reason(state.Query.Operation)));
            });
        }

        var (combined, failed) = session.Store.Write(query, static (writer, query) =>
        {
            var sources = query.Sources(writer);
            return query.Error is { } error ? (null, error) : (Algebra.Combine(query, sources, s_building), (RedisReply?)null);
        });
        return failed ?? SortedSetReplies.Members(session, combined!.ToArray(), query.WithScores);
    }

    private static ChangeReason Reason(Operation operation) => operation switch
    {
        Operation.Union => ChangeReason.SortedSetUnionStore,
        Operation.Inter => ChangeReason.SortedSetInterStore,
        _ => ChangeReason.SortedSetDiffStore,
    };
}
