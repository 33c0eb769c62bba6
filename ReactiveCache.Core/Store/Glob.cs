namespace ReactiveCache.Store;

/// <summary>
/// Redis's glob matching over bytes (<c>stringmatchlen</c> in util.c): <c>*</c>, <c>?</c>,
/// <c>[abc]</c>, <c>[^abc]</c>, <c>[a-z]</c> and <c>\x</c> for a literal x.
/// </summary>
internal static class Glob
{
    /// <summary>The texts that match, in their order; <c>*</c> matches all of them without looking.</summary>
    public static byte[][] Matching(ReadOnlySpan<byte> pattern, byte[][] texts)
    {
        if (pattern.SequenceEqual("*"u8))
        {
            return texts;
        }

        var matching = new List<byte[]>();
        foreach (var text in texts)
        {
            if (IsMatch(pattern, text))
            {
                matching.Add(text);
            }
        }

        return [.. matching];
    }

    public static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text)
    {
        // Iterative with one backtrack point for the last '*': linear in practice, no recursion depth.
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == (byte)'*')
            {
                starP = ++p;
                starT = t;
                continue;
            }

            if (p < pattern.Length && MatchesOne(pattern, ref p, text[t]))
            {
                t++;
                continue;
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP;
            t = ++starT;
        }

        while (p < pattern.Length && pattern[p] == (byte)'*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    public static bool IsMatchAll(ReadOnlySpan<byte> pattern) => pattern.Length == 1 && pattern[0] == (byte)'*';

    /// <summary>Matches one pattern element at <paramref name="p"/> against one byte, advancing past it on success.</summary>
    private static bool MatchesOne(ReadOnlySpan<byte> pattern, ref int p, byte c)
    {
        switch (pattern[p])
        {
            case (byte)'?':
                p++;
                return true;
            case (byte)'[':
                return MatchesClass(pattern, ref p, c);
            case (byte)'\\' when p + 1 < pattern.Length:
                if (pattern[p + 1] != c)
                {
                    return false;
                }

                p += 2;
                return true;
            default:
                if (pattern[p] != c)
                {
                    return false;
                }

                p++;
                return true;
        }
    }

    private static bool MatchesClass(ReadOnlySpan<byte> pattern, ref int p, byte c)
    {
        var i = p + 1;
        var negate = i < pattern.Length && pattern[i] == (byte)'^';
        if (negate)
        {
            i++;
        }

        var matched = false;
        while (i < pattern.Length && pattern[i] != (byte)']')
        {
            if (pattern[i] == (byte)'\\' && i + 1 < pattern.Length)
            {
                matched |= pattern[i + 1] == c;
                i += 2;
            }
            else if (i + 2 < pattern.Length && pattern[i + 1] == (byte)'-' && pattern[i + 2] != (byte)']')
            {
                var (low, high) = pattern[i] <= pattern[i + 2] ? (pattern[i], pattern[i + 2]) : (pattern[i + 2], pattern[i]);
                matched |= c >= low && c <= high;
                i += 3;
            }
            else
            {
                matched |= pattern[i] == c;
                i++;
            }
        }

        // Like Redis, an unterminated class ends at the end of the pattern.
        p = i < pattern.Length ? i + 1 : i;
        return matched != negate;
    }
}
