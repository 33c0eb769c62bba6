using System.Globalization;
using System.Text;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// INCRBYFLOAT's and HINCRBYFLOAT's arithmetic, once. Redis adds in long double and prints with 17 decimals, trailing
/// zeros trimmed: decimal arithmetic gives the same text for everyday values (0.1 + 0.2 is "0.3", not
/// "0.30000000000000004"); double covers the rest.
/// </summary>
internal static class FloatText
{
    public enum Outcome
    {
        Added,
        CurrentNotFloat,
        NaNOrInfinity,
    }

    public static Outcome TryAdd(byte[] current, byte[] delta, out byte[] result)
    {
        result = [];
        if (!RedisArgs.TryFloat(current, out var a) || !RedisArgs.TryFloat(delta, out var b))
        {
            return Outcome.CurrentNotFloat;
        }

        var sum = a + b;
        if (double.IsNaN(sum) || double.IsInfinity(sum))
        {
            return Outcome.NaNOrInfinity;
        }

        result = Encoding.ASCII.GetBytes(Format(current, delta, sum));
        return Outcome.Added;
    }

    private static string Format(byte[] current, byte[] delta, double sum)
    {
        const NumberStyles style = NumberStyles.Float;
        try
        {
            if (decimal.TryParse(Encoding.ASCII.GetString(current), style, CultureInfo.InvariantCulture, out var a)
                && decimal.TryParse(Encoding.ASCII.GetString(delta), style, CultureInfo.InvariantCulture, out var b))
            {
                return Trim(Math.Round(a + b, 17).ToString("F17", CultureInfo.InvariantCulture));
            }
        }
        catch (OverflowException)
        {
            // Beyond decimal's range: fall back to double below.
        }

        return Math.Abs(sum) < 1e17 ? Trim(sum.ToString("F17", CultureInfo.InvariantCulture)) : sum.ToString("F0", CultureInfo.InvariantCulture);
    }

    private static string Trim(string fixedPoint)
    {
        var text = fixedPoint.Contains('.') ? fixedPoint.TrimEnd('0').TrimEnd('.') : fixedPoint;
        return text == "-0" ? "0" : text;
    }
}
