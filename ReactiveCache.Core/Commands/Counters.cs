using System.Buffers.Text;
using ReactiveCache.Protocols;

namespace ReactiveCache.Commands;

/// <summary>
/// The integer arithmetic of every protocol, once: Redis's signed 64-bit counters (INCR, HINCRBY), which refuse to
/// overflow, and memcached's unsigned ones (incr, decr, ma), where incr wraps at 2^64 and decr stops at 0.
/// </summary>
internal static class Counters
{
    /// <summary>Redis's strict integer syntax (string2ll); an absent value counts as 0.</summary>
    public static bool TryParseSigned(ReadOnlySpan<byte> text, out long value) => IntegerSyntax.TryParse(text, out value);

    /// <summary><paramref name="current"/> + <paramref name="delta"/>, unless it passes the range of a 64-bit integer.</summary>
    public static bool TryAdd(long current, long delta, out long sum)
    {
        sum = unchecked(current + delta);
        return !((delta > 0 && current > long.MaxValue - delta) || (delta < 0 && current < long.MinValue - delta));
    }

    /// <summary>A memcached counter: decimal digits, optionally padded with spaces as memcached's decr leaves it.</summary>
    public static bool TryParseUnsigned(ReadOnlySpan<byte> value, out ulong counter)
    {
        var digits = value.TrimEnd((byte)' ');
        return Utf8Parser.TryParse(digits, out counter, out var used) && used == digits.Length && digits.Length > 0;
    }

    /// <summary>protocol.txt, "Increment/Decrement": incr wraps at 2^64, decr stops at 0.</summary>
    public static ulong Step(ulong current, ulong delta, bool increment) =>
        increment ? unchecked(current + delta) : current < delta ? 0 : current - delta;

    public static byte[] Format(long value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var written);
        return digits[..written].ToArray();
    }

    public static byte[] Format(ulong value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var written);
        return digits[..written].ToArray();
    }
}
