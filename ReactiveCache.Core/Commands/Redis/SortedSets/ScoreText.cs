using System.Globalization;
using System.Text;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>
/// Scores as redis-server 7.0 reads them: C's <c>strtod</c> grammar (decimal, hexadecimal, "inf", "infinity", a
/// sign; never NaN), strictly for a score given to ZADD or ZINCRBY (string2d: no spaces, nothing left over, no
/// overflow to infinity or underflow to zero), loosely for a range's end (zslParseRange: leading spaces and the empty
/// string allowed, overflow taken as infinity), and for a SORT weight loosely but without overflow or underflow
/// (sortCommandGeneric checks strtod's ERANGE).
/// </summary>
internal static class ScoreText
{
    /// <summary>A score for ZADD, ZINCRBY, WEIGHTS: false where Redis answers "value is not a valid float".</summary>
    public static bool TryParseScore(ReadOnlySpan<byte> text, out double score) =>
        TryParse(text, strict: true, out score);

    /// <summary>One end of a score range, without its "(": false where Redis answers "min or max is not a float".</summary>
    public static bool TryParseRangeEnd(ReadOnlySpan<byte> text, out double score) =>
        TryParse(text, strict: false, out score);

    /// <summary>
    /// A SORT weight (an element or a BY value): false where Redis answers "One or more scores can't be converted into
    /// double". strtod stops at a NUL byte, and the C string SORT hands it ends there, so what follows one is ignored;
    /// the empty string is 0, spaces alone are not a number.
    /// </summary>
    public static bool TryParseSortWeight(ReadOnlySpan<byte> text, out double score)
    {
        var nul = text.IndexOf((byte)0);
        text = nul < 0 ? text : text[..nul];
        if (!text.IsEmpty && text.IndexOfAnyExcept(" \t\n\v\f\r"u8) < 0)
        {
            score = 0;
            return false;
        }

        return TryParse(text, strict: false, out score, refuseOutOfRange: true);
    }

    private static bool TryParse(ReadOnlySpan<byte> text, bool strict, out double score, bool refuseOutOfRange = false)
    {
        refuseOutOfRange |= strict;
        score = 0;
        if (strict && (text.IsEmpty || IsSpace(text[0])))
        {
            return false;
        }

        while (!text.IsEmpty && IsSpace(text[0]))
        {
            text = text[1..];
        }

        if (text.IsEmpty)
        {
            // strtod reads nothing and leaves the end pointer at the end: zslParseRange takes that as 0.
            return !strict;
        }

        var negative = text[0] == '-';
        var unsigned = text[0] is (byte)'-' or (byte)'+' ? text[1..] : text;
        if (Ascii.EqualsIgnoreCase(unsigned, "inf"u8) || Ascii.EqualsIgnoreCase(unsigned, "infinity"u8))
        {
            score = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        var parsed = unsigned.Length > 2 && unsigned[0] == '0' && (unsigned[1] | 0x20) == 'x'
            ? TryHexadecimal(unsigned[2..], out score, out var nonZero)
            : TryDecimal(unsigned, out score, out nonZero);
        if (!parsed || (refuseOutOfRange && (double.IsInfinity(score) || (score == 0 && nonZero))))
        {
            return false;
        }

        score = negative ? -score : score;
        return true;
    }

    // digits [. digits] [e [sign] digits], at least one digit before the exponent; .NET rounds it as strtod does.
    private static bool TryDecimal(ReadOnlySpan<byte> text, out double value, out bool nonZero)
    {
        value = 0;
        nonZero = false;
        var i = 0;
        var digits = 0;
        var seenPoint = false;
        for (; i < text.Length && (char.IsAsciiDigit((char)text[i]) || (text[i] == '.' && !seenPoint)); i++)
        {
            seenPoint |= text[i] == '.';
            digits += text[i] == '.' ? 0 : 1;
            nonZero |= text[i] is >= (byte)'1' and <= (byte)'9';
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && (text[i] | 0x20) == 'e')
        {
            var exponent = i + 1 < text.Length && text[i + 1] is (byte)'+' or (byte)'-' ? i + 2 : i + 1;
            if (exponent == text.Length || text[exponent..].ContainsAnyExcept("0123456789"u8))
            {
                return false;
            }

            i = text.Length;
        }

        return i == text.Length
            && double.TryParse(Encoding.ASCII.GetString(text), NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }

    // hexdigits [. hexdigits] [p [sign] digits]: the first 15 significant digits exactly, the rest only as a scale.
    private static bool TryHexadecimal(ReadOnlySpan<byte> text, out double value, out bool nonZero)
    {
        value = 0;
        nonZero = false;
        ulong mantissa = 0;
        var scale = 0;
        var digits = 0;
        var seenPoint = false;
        var i = 0;
        for (; i < text.Length; i++)
        {
            if (text[i] == '.' && !seenPoint)
            {
                seenPoint = true;
                continue;
            }

            var digit = HexValue(text[i]);
            if (digit < 0)
            {
                break;
            }

            digits++;
            nonZero |= digit != 0;
            if (mantissa < 1UL << 56)
            {
                mantissa = (mantissa << 4) | (uint)digit;
                scale -= seenPoint ? 4 : 0;
            }
            else
            {
                scale += seenPoint ? 0 : 4;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && (text[i] | 0x20) == 'p')
        {
            if (!int.TryParse(Encoding.ASCII.GetString(text[(i + 1)..]), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var power)
                || text[(i + 1)..].ContainsAny(" \t"u8))
            {
                return false;
            }

            scale += Math.Clamp(power, -10000, 10000);
            i = text.Length;
        }

        value = Math.ScaleB(mantissa, scale);
        return i == text.Length;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';
}
