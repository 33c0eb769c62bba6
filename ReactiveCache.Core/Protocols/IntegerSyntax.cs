using System.Buffers.Text;

namespace ReactiveCache.Protocols;

/// <summary>
/// Redis's strict integer syntax (<c>string2ll</c> in util.c): optional '-', digits, no leading zeros, no spaces, no
/// '+'. The RESP framer reads lengths with it, and the commands of every protocol that keep a signed counter in a
/// stored value (Redis INCR and HINCRBY on a key any protocol may have written) read that value with it.
/// </summary>
internal static class IntegerSyntax
{
    public static bool TryParse(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 20)
        {
            return false;
        }

        var digits = text[0] == (byte)'-' ? text[1..] : text;
        if (digits.IsEmpty || digits[0] is < (byte)'0' or > (byte)'9' || (digits[0] == (byte)'0' && text.Length > 1))
        {
            return false;
        }

        return Utf8Parser.TryParse(text, out value, out var consumed) && consumed == text.Length;
    }

    public static int DigitCount(long value)
    {
        if (value < 0)
        {
            return value == long.MinValue ? 20 : 1 + DigitCount(-value);
        }

        var count = 1;
        while (value >= 10)
        {
            value /= 10;
            count++;
        }

        return count;
    }
}
