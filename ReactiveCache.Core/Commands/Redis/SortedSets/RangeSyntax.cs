using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>
/// The ends of a score range ("1.5", "(1.5", "-inf", "+inf": zslParseRange) and of a lex range ("[a", "(a", "-",
/// "+": zslParseLexRange), as ZRANGEBYSCORE, ZRANGEBYLEX, ZCOUNT and the rest read them.
/// </summary>
internal static class RangeSyntax
{
    public static bool TryParseScores(byte[] min, byte[] max, out ScoreRange range)
    {
        range = default;
        if (!TryParseScoreEnd(min, out var low, out var lowExclusive) || !TryParseScoreEnd(max, out var high, out var highExclusive))
        {
            return false;
        }

        range = new ScoreRange(low, lowExclusive, high, highExclusive);
        return true;
    }

    public static bool TryParseLex(byte[] min, byte[] max, out LexRange range)
    {
        range = default;
        if (!TryParseLexEnd(min, out var low) || !TryParseLexEnd(max, out var high))
        {
            return false;
        }

        range = new LexRange(low, high);
        return true;
    }

    private static bool TryParseScoreEnd(byte[] text, out double score, out bool exclusive)
    {
        exclusive = text.Length > 0 && text[0] == '(';
        return ScoreText.TryParseRangeEnd(exclusive ? text.AsSpan(1) : text, out score);
    }

    private static bool TryParseLexEnd(byte[] text, out LexBound bound)
    {
        bound = default;
        switch (text)
        {
            case [(byte)'+']:
                bound = LexBound.Greatest;
                return true;
            case [(byte)'-']:
                bound = LexBound.Least;
                return true;
            case [(byte)'(', ..]:
                bound = new LexBound(LexBoundKind.Member, text[1..], Exclusive: true);
                return true;
            case [(byte)'[', ..]:
                bound = new LexBound(LexBoundKind.Member, text[1..], Exclusive: false);
                return true;
            default:
                return false;
        }
    }
}
