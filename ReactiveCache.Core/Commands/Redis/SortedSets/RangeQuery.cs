using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>What a range of a sorted set is taken by: ranks, scores or member bytes.</summary>
internal enum RangeBy
{
    Rank,
    Score,
    Lex,
}

/// <summary>
/// A parsed ZRANGE (or ZREVRANGE, ZRANGEBYSCORE, ZRANGESTORE...): what to take and in which direction, read as
/// zrangeGenericCommand reads it, and taken from a sorted set under the lock at a cost of O(log n) plus the members
/// it returns, whatever LIMIT's offset says.
/// </summary>
internal readonly record struct RangeQuery(RangeBy By, bool Reverse, long Start, long Stop, ScoreRange Scores, LexRange Lex, long Offset, long Limit, bool WithScores)
{
    /// <summary>
    /// Parses the words after the key (<paramref name="first"/> is the range's first end). <paramref name="by"/> and
    /// <paramref name="reverse"/> are fixed by the older commands; null lets BYSCORE, BYLEX and REV choose.
    /// </summary>
    public static RedisReply? TryParse(byte[][] args, int first, RangeBy? by, bool? reverse, bool store, out RangeQuery query)
    {
        query = default;
        var withScores = false;
        long offset = 0;
        long limit = -1;
        for (var i = first + 2; i < args.Length; i++)
        {
            if (!store && RedisArgs.Is(args[i], "WITHSCORES"))
            {
                withScores = true;
            }
            else if (RedisArgs.Is(args[i], "LIMIT") && i + 2 < args.Length)
            {
                if (!RedisArgs.TryInteger(args[i + 1], out offset) || !RedisArgs.TryInteger(args[i + 2], out limit))
                {
                    return RedisReply.NotInteger;
                }

                i += 2;
            }
            else if (reverse is null && RedisArgs.Is(args[i], "REV"))
            {
                reverse = true;
            }
            else if (by is null && RedisArgs.Is(args[i], "BYLEX"))
            {
                by = RangeBy.Lex;
            }
            else if (by is null && RedisArgs.Is(args[i], "BYSCORE"))
            {
                by = RangeBy.Score;
            }
            else
            {
                return RedisReply.Syntax;
            }
        }

        var taken = by ?? RangeBy.Rank;
        var backwards = reverse ?? false;
        if (limit != -1 && taken == RangeBy.Rank)
        {
            return new RedisReply.Error(RespErrors.LimitNeedsByScoreOrLex);
        }

        if (withScores && taken == RangeBy.Lex)
        {
            return new RedisReply.Error(RespErrors.WithScoresByLex);
        }

        // A reversed score or lex range is written max first.
        var (min, max) = backwards && taken != RangeBy.Rank ? (args[first + 1], args[first]) : (args[first], args[first + 1]);
        query = new RangeQuery(taken, backwards, 0, 0, default, default, offset, limit, withScores);
        switch (taken)
        {
            case RangeBy.Rank:
                if (!RedisArgs.TryInteger(min, out var start) || !RedisArgs.TryInteger(max, out var stop))
                {
                    return RedisReply.NotInteger;
                }

                query = query with { Start = start, Stop = stop };
                return null;
            case RangeBy.Score:
                if (!RangeSyntax.TryParseScores(min, max, out var scores))
                {
                    return new RedisReply.Error(RespErrors.MinMaxNotFloat);
                }

                query = query with { Scores = scores };
                return null;
            default:
                if (!RangeSyntax.TryParseLex(min, max, out var lex))
                {
                    return new RedisReply.Error(RespErrors.MinMaxNotLex);
                }

                query = query with { Lex = lex };
                return null;
        }
    }

    /// <summary>The members the query takes, in the order it takes them. Under the lock.</summary>
    public ScoredMember[] Take(SortedSetValue sortedSet) => By switch
    {
        RangeBy.Rank => sortedSet.TakeRanks(Start, Stop, Reverse),
        RangeBy.Score => sortedSet.TakeIn(Scores, Reverse, Offset, Limit),
        _ => sortedSet.TakeIn(Lex, Reverse, Offset, Limit),
    };
}
