using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// SINTER, SUNION, SDIFF, their STORE forms and SINTERCARD, as sinterGenericCommand and sunionDiffGenericCommand answer
/// them: every key is looked up (and WRONGTYPE answered) before any work, a missing key is an empty set, and a STORE
/// form whose result is empty deletes its destination.
/// </summary>
/// <remarks>
/// Every form works under the lock only on small inputs (<see cref="BigReply.InlineWork"/> members in all); bigger ones copy
/// each set's members under the lock and do the hashing (and the reply) on the thread pool, so other clients keep being
/// answered; a STORE form then stores in a second write, checking that its sources did not change. Inside EXEC all of
/// it runs under the lock, as in Redis.
/// </remarks>
internal static class SetAlgebraCommands
{
    public static RedisReply SInter(RedisSession session, byte[][] args) => Read(session, args[1..], SetOperation.Intersect);

    public static RedisReply SUnion(RedisSession session, byte[][] args) => Read(session, args[1..], SetOperation.Union);

    public static RedisReply SDiff(RedisSession session, byte[][] args) => Read(session, args[1..], SetOperation.Difference);

    public static RedisReply SInterStore(RedisSession session, byte[][] args) => Store(session, args, SetOperation.Intersect, ChangeReason.SetInterStore);

    public static RedisReply SUnionStore(RedisSession session, byte[][] args) => Store(session, args, SetOperation.Union, ChangeReason.SetUnionStore);

    public static RedisReply SDiffStore(RedisSession session, byte[][] args) => Store(session, args, SetOperation.Difference, ChangeReason.SetDiffStore);

    // SINTERCARD numkeys key [key ...] [LIMIT limit]: a bad numkeys and a bad LIMIT have their own words (sinterCardCommand).
    public static RedisReply SInterCard(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryInteger(args[1], out var numKeys) || numKeys < 1)
        {
            return new RedisReply.Error(RespErrors.NumKeysNotPositive);
        }

        if (numKeys > args.Length - 2)
        {
            return new RedisReply.Error(RespErrors.NumKeysTooMany);
        }

        long limit = 0;
        for (var i = 2 + (int)numKeys; i < args.Length; i++)
        {
            if (!RedisArgs.Is(args[i], "LIMIT") || i + 1 >= args.Length)
            {
                return RedisReply.Syntax;
            }

            if (!RedisArgs.TryInteger(args[++i], out limit) || limit < 0)
            {
                return new RedisReply.Error(RespErrors.LimitNegative);
            }
        }

        var keys = args[2..(2 + (int)numKeys)];
        var later = session.CanAnswerLater;
        var (count, snapshots) = session.Store.Write((Keys: keys, Limit: limit, Later: later), static (writer, state) =>
        {
            var sets = writer.SetsAt(state.Keys);
            return !state.Later || SetAlgebra.Work(sets) <= BigReply.InlineWork
                ? (SetAlgebra.Intersect(sets, state.Limit).Length, null)
                : (0, MemberSnapshot.Of(sets));
        });
        return snapshots is null ? RedisReply.Of(count) : session.OffThread(() => RedisReply.Of(SetAlgebra.Intersect(snapshots, limit).Length));
    }

    private static RedisReply Read(RedisSession session, byte[][] keys, SetOperation operation)
    {
        var max = SetCommands.MaxIntsetEntries(session);
        var later = session.CanAnswerLater;
        var (result, snapshots) = session.Store.Write((Keys: keys, Operation: operation, Max: max, Later: later), static (writer, state) =>
        {
            var sets = writer.SetsAt(state.Keys);
            return !state.Later || SetAlgebra.Work(sets) <= BigReply.InlineWork
                ? new Outcome(Compute(state.Operation, sets, state.Max), null)
                : new Outcome(default, MemberSnapshot.Of(sets));
        });
        if (snapshots is not null)
        {
            return session.OffThread(() =>
            {
                var (members, intsetOrder) = Compute(operation, snapshots, max);
                return SetReplies.Build(members, intsetOrder);
            });
        }

        return SetReplies.Members(session, result.Members, result.IntsetOrder);
    }

    // A STORE form over big sets snapshots them under the lock and computes after it (StoreAfterLock); small inputs, and
    // EXEC, do it all in one write.
    private static RedisReply Store(RedisSession session, byte[][] args, SetOperation operation, ChangeReason reason)
    {
        var request = new StoreRequest(args, operation, reason, SetCommands.MaxIntsetEntries(session));
        var read = session.Store.Write((Request: request, Later: session.CanAnswerLater), static (writer, state) =>
        {
            var sources = state.Request.Args.AsSpan(2);
            var sets = writer.SetsAt(sources);
            return !state.Later || SetAlgebra.Work(sets) <= BigReply.InlineWork
                ? new StoreRead(state.Request.StoreIn(writer, Compute(state.Request.Operation, sets, state.Request.Max).Members), null, [])
                : new StoreRead(0, MemberSnapshot.Of(sets), writer.VersionsOf(sources));
        });
        if (read.Snapshots is not { } snapshots)
        {
            return RedisReply.Of(read.Stored);
        }

        var sourceKeys = args[2..];
        return StoreAfterLock.Answer(
            session, sourceKeys, read.Versions, args[1], reason,
            () => SetValue.Of(Compute(operation, snapshots, request.Max).Members, request.Max),
            writer => request.StoreIn(writer, Compute(operation, writer.SetsAt(sourceKeys), request.Max).Members));
    }

    /// <summary>A STORE form: its arguments (destination at 1, sources from 2), what it computes and how it is announced.</summary>
    private sealed record StoreRequest(byte[][] Args, SetOperation Operation, ChangeReason Reason, long Max)
    {
        public int StoreIn(StoreWriter writer, byte[][] members) => writer.StoreSet(Args[1], members, Max, Reason);
    }

    /// <summary>What the first write gave: the stored size, or the snapshots to compute from and the sources' versions.</summary>
    private readonly record struct StoreRead(int Stored, IMemberSet?[]? Snapshots, ulong[] Versions);

    /// <summary>The result, and whether Redis would answer it in an intset's numeric order.</summary>
    private static (byte[][] Members, bool IntsetOrder) Compute(SetOperation operation, IReadOnlyList<IMemberSet?> sets, long maxIntsetEntries)
    {
        switch (operation)
        {
            case SetOperation.Intersect:
                return (SetAlgebra.Intersect(sets), SetAlgebra.WalksAnIntset(sets));
            case SetOperation.Union:
                var union = SetAlgebra.Union(sets);
                return (union, SetValue.FitsIntset(union, maxIntsetEntries));
            default:
                var difference = SetAlgebra.Difference(sets);
                return (difference, SetValue.FitsIntset(difference, maxIntsetEntries));
        }
    }

    /// <summary>What the lock gave: the result already computed, or snapshots to compute it from after the lock.</summary>
    private readonly record struct Outcome((byte[][] Members, bool IntsetOrder) Result, IMemberSet?[]? Snapshots);

    private enum SetOperation
    {
        Intersect,
        Union,
        Difference,
    }
}
