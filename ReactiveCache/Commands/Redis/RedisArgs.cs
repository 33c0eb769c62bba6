using System.Globalization;
using System.Text;
using ReactiveCache.Protocols;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>Reading command arguments the way Redis reads them.</summary>
internal static class RedisArgs
{
    public static bool Is(byte[] argument, string word) =>
        argument.Length == word.Length && Ascii.EqualsIgnoreCase(argument, word);

    public static bool TryInteger(byte[] argument, out long value) => IntegerSyntax.TryParse(argument, out value);

    /// <summary>A float as Redis's <c>strtold</c>-based parsing accepts it (no spaces, no NaN).</summary>
    public static bool TryFloat(byte[] argument, out double value)
    {
        value = 0;
        // .NET's parser also skips trailing NUL characters, which strtold stops at: "1\0" is not a float to Redis.
        if (argument.Length == 0 || char.IsWhiteSpace((char)argument[0]) || char.IsWhiteSpace((char)argument[^1])
            || argument.AsSpan().Contains((byte)0))
        {
            return false;
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
