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

    // Small inputs (and EXEC) are combined under the lock. Bigger ones are copied there (arrays, no hashing) and combined
    // on the thread pool; a STORE form then stores as StoreAfterLock says, from its keys' versions.
    private static RedisReply Combine(RedisSession session, byte[][] args, Operation operation, bool store)
    {
        var numKeysAt = store ? 2 : 1;
        if (AlgebraQuery.TryParseKeys(args, numKeysAt, out var keys) is { } error)
        {
            return error;
        }

        var query = AlgebraQuery.Parse(args, numKeysAt + 1 + keys.Length, keys, operation, cardinality: false, store);
        var request = new CombineRequest(query, store ? args[1] : null, SortedSetAddCommands.Limits(session));
        var read = session.Store.Write((Request: request, Later: session.CanAnswerLater), static (writer, state) =>
        {
            var sources = state.Request.Query.Sources(writer);
            if (state.Request.Query.Error is { } error)
            {
                return new CombineRead(error, null, null, []);
            }

            if (state.Later && sources.Sum(source => (long)source.Count) > BigReply.InlineWork)
            {
                var versions = state.Request.Destination is null ? [] : writer.VersionsOf(state.Request.Query.Keys);
                return new CombineRead(null, null, [.. sources.Select(source => source.Snapshot())], versions);
            }

            var result = Algebra.Combine(state.Request.Query, sources, s_building);
            return state.Request.Destination is null
                ? new CombineRead(null, result.ToArray(), null, [])
                : new CombineRead(RedisReply.Of(state.Request.StoreIn(writer, result)), null, null, []);
        });

        if (read.Reply is { } reply)
        {
            return reply;
        }

        if (read.Members is { } members)
        {
            return SortedSetReplies.Members(session, members, query.WithScores);
        }

        var snapshots = read.Snapshots!;
        var protocol = session.Protocol;
        if (request.Destination is null)
        {
            return session.OffThread(() => SortedSetReplies.Of(Algebra.Combine(query, snapshots, s_building).ToArray(), query.WithScores, protocol));
        }

        return StoreAfterLock.Answer(
            session, query.Keys, read.Versions, request.Destination, Reason(operation),
            () =>
            {
                var result = Algebra.Combine(query, snapshots, s_building);
                result.Settle(request.Limits);
                return result;
            },
            writer => request.StoreIn(writer, Algebra.Combine(query, query.Sources(writer), s_building)));
    }

    /// <summary>A combination and, for a STORE form, where its result goes and the listpack limits it settles by.</summary>
    private sealed record CombineRequest(AlgebraQuery Query, byte[]? Destination, ListpackLimits Limits)
    {
        public int StoreIn(StoreWriter writer, SortedSetValue result) =>
            writer.StoreSortedSet(Destination, result, Limits, Reason(Query.Operation));
    }

    /// <summary>What the first write gave: a reply, a read form's members, or snapshots and their keys' versions.</summary>
    private readonly record struct CombineRead(RedisReply? Reply, ScoredMember[]? Members, AlgebraSource[]? Snapshots, ulong[] Versions);

    private static ChangeReason Reason(Operation operation) => operation switch
    {
        Operation.Union => ChangeReason.SortedSetUnionStore,
        Operation.Inter => ChangeReason.SortedSetInterStore,
        _ => ChangeReason.SortedSetDiffStore,
    };
}
