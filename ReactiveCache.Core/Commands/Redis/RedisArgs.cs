using System.Globalization;
using System.Text;
using ReactiveCache.Protocols;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>Reading command arguments the way Redis reads them.</summary>
internal static class RedisArgs
{
    private const int MaxFloatLength = 5 * 1024;

    public static bool Is(byte[] argument, string word) =>
        argument.Length == word.Length && Ascii.EqualsIgnoreCase(argument, word);

    public static bool TryInteger(byte[] argument, out long value) => IntegerSyntax.TryParse(argument, out value);

    /// <summary>
    /// A float as Redis's <c>string2ld</c> accepts it: strtold's grammar, hexadecimal included, without spaces or NaN,
    /// shorter than MAX_LONG_DOUBLE_CHARS (5 KB).
    /// </summary>
    public static bool TryFloat(byte[] argument, out double value)
    {
        value = 0;
        // .NET's parser also skips trailing NUL characters, which strtold stops at: "1\0" is not a float to Redis.
        if (argument.Length == 0 || argument.Length >= MaxFloatLength || char.IsWhiteSpace((char)argument[0])
            || char.IsWhiteSpace((char)argument[^1]) || argument.AsSpan().Contains((byte)0))
        {
            return false;
        }

        // "0x10", "-0x1p3": .NET has no hexadecimal floats, ZADD's strtod reading does.
        var unsigned = argument[0] is (byte)'-' or (byte)'+' ? argument.AsSpan(1) : argument;
        if (unsigned.Length > 1 && unsigned[0] == '0' && (unsigned[1] | 0x20) == 'x')
        {
            return SortedSets.ScoreText.TryParseScore(argument, out value);
        }

        var text = Encoding.ASCII.GetString(argument);
        if (text.Equals("inf", StringComparison.OrdinalIgnoreCase) || text.Equals("+inf", StringComparison.OrdinalIgnoreCase)
            || text.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }

        if (text.Equals("-inf", StringComparison.OrdinalIgnoreCase) || text.Equals("-infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value);
    }

    public static string Text(byte[] argument) => Encoding.UTF8.GetString(argument);

    public static string Lower(byte[] argument) => Encoding.UTF8.GetString(argument).ToLowerInvariant();

    public static RedisReply Error(string text) => new RedisReply.Error(text);

    public static RedisReply Error(string format, object argument) =>
        new RedisReply.Error(string.Format(CultureInfo.InvariantCulture, format, argument));

    public static RedisReply WrongArguments(string fullName) => Error(RespErrors.WrongArguments, fullName);
}
