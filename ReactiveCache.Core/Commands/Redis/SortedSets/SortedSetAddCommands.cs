using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>
/// ZADD and ZINCRBY (zaddGenericCommand): options and every score are checked before anything changes, so the
/// command adds all its members or none; the edit itself is one <see cref="StoreWriter.AddScored"/>.
/// </summary>
internal static class SortedSetAddCommands
{
    private static readonly RedisReply s_nan = new RedisReply.Error(RespErrors.ScoreNaN);

    // ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]
    public static RedisReply ZAdd(RedisSession session, byte[][] args)
    {
        var (rules, changed, first) = ParseOptions(args);
        var words = args.Length - first;
        if (words == 0 || words % 2 != 0)
        {
            return RedisReply.Syntax;
        }

        if (Invalid(rules, words / 2) is { } error)
        {
            return error;
        }

        var members = new ScoredMember[words / 2];
        for (var i = 0; i < members.Length; i++)
        {
            if (!ScoreText.TryParseScore(args[first + (2 * i)], out var score))
            {
                return new RedisReply.Error(RespErrors.NotFloat);
            }

            members[i] = new ScoredMember(args[first + (2 * i) + 1], score);
        }

        return Add(session, args[1], members, rules, changed);
    }

    // ZINCRBY key increment member: ZADD INCR's reply, the new score.
    public static RedisReply ZIncrBy(RedisSession session, byte[][] args) =>
        ScoreText.TryParseScore(args[2], out var increment)
            ? Add(session, args[1], [new ScoredMember(args[3], increment)], ScoreRules.Increment, changed: false)
            : new RedisReply.Error(RespErrors.NotFloat);

    private static RedisReply Add(RedisSession session, byte[] key, ScoredMember[] members, ScoreRules rules, bool changed)
    {
        var limits = Limits(session);
        var outcome = session.Store.Write((Key: key, Members: members, Rules: rules, Limits: limits), static (writer, state) =>
            writer.AddScored(state.Key, state.Members, state.Rules, state.Limits));
        if (outcome.NotANumber)
        {
            return s_nan;
        }

        if (rules.HasFlag(ScoreRules.Increment))
        {
            return outcome.Processed > 0 ? new RedisReply.Double(outcome.Score) : RedisReply.NullBulk;
        }

        return RedisReply.Of(changed ? outcome.Added + outcome.Updated : outcome.Added);
    }

    /// <summary>The encoding limits in force for this server (zset-max-listpack-entries and -value).</summary>
    public static ListpackLimits Limits(RedisSession session) =>
        new(session.EncodingLimits.ZsetMaxListpackEntries, session.EncodingLimits.ZsetMaxListpackValue);

    // The options come first, in any order, up to the first word that is not one (it is then the first score).
    private static (ScoreRules Rules, bool Changed, int First) ParseOptions(byte[][] args)
    {
        var rules = ScoreRules.None;
        var changed = false;
        var i = 2;
        for (; i < args.Length; i++)
        {
            if (RedisArgs.Is(args[i], "NX")) rules |= ScoreRules.OnlyNew;
            else if (RedisArgs.Is(args[i], "XX")) rules |= ScoreRules.OnlyExisting;
            else if (RedisArgs.Is(args[i], "GT")) rules |= ScoreRules.OnlyGreater;
            else if (RedisArgs.Is(args[i], "LT")) rules |= ScoreRules.OnlyLess;
            else if (RedisArgs.Is(args[i], "INCR")) rules |= ScoreRules.Increment;
            else if (RedisArgs.Is(args[i], "CH")) changed = true;
            else break;
        }

        return (rules, changed, i);
    }

    private static RedisReply? Invalid(ScoreRules rules, int pairs)
    {
        bool Has(ScoreRules rule) => (rules & rule) != 0;
        if (Has(ScoreRules.OnlyNew) && Has(ScoreRules.OnlyExisting))
        {
            return new RedisReply.Error(RespErrors.ZAddXxAndNx);
        }

        if ((Has(ScoreRules.OnlyNew) && (Has(ScoreRules.OnlyGreater) || Has(ScoreRules.OnlyLess))) || (Has(ScoreRules.OnlyGreater) && Has(ScoreRules.OnlyLess)))
        {
            return new RedisReply.Error(RespErrors.ZAddGtLtNx);
        }

        return Has(ScoreRules.Increment) && pairs > 1 ? new RedisReply.Error(RespErrors.ZAddIncrSinglePair) : null;
    }
}
