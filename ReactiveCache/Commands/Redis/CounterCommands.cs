using System.Globalization;
using System.Text;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>INCR, DECR, INCRBY, DECRBY and INCRBYFLOAT: atomic under the store's lock, keeping the key's time to live.</summary>
internal static class CounterCommands
{
    public static RedisReply Incr(RedisSession session, byte[][] args) => Add(session, args[1], 1);

    public static RedisReply Decr(RedisSession session, byte[][] args) => Add(session, args[1], -1);

    public static RedisReply IncrBy(RedisSession session, byte[][] args) =>
        RedisArgs.TryInteger(args[2], out var delta) ? Add(session, args[1], delta) : RedisReply.NotInteger;

    public static RedisReply DecrBy(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryInteger(args[2], out var delta))
        {
            return RedisReply.NotInteger;
        }

        return delta == long.MinValue ? new RedisReply.Error(RespErrors.DecrementOverflow) : Add(session, args[1], -delta);
    }

    public static RedisReply IncrByFloat(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryFloat(args[2], out _))
        {
            return new RedisReply.Error(RespErrors.NotFloat);
        }

        return session.Store.Write((Key: args[1], Delta: args[2]), static (writer, state) =>
        {
            var exists = writer.TryGet(state.Key, out var entry);
            if (!TryAddFloat(exists ? entry.Value : "0"u8.ToArray(), state.Delta, out var result, out var error))
            {
                return error!;
            }

            writer.Put(state.Key, result, exists ? entry.ExpiresAtMs : CacheEntry.NoExpiry, exists ? entry.Flags : 0, ChangeReason.IncrementFloat);
            return new RedisReply.Bulk(result);
        });
    }

    private static RedisReply Add(RedisSession session, byte[] key, long delta) =>
        session.Store.Write((Key: key, Delta: delta), static (writer, state) =>
        {
            var exists = writer.TryGet(state.Key, out var entry);
            long current = 0;
            if (exists && !RespNumber.TryParse(entry.Value, out current))
            {
                return RedisReply.NotInteger;
            }

            if ((state.Delta > 0 && current > long.MaxValue - state.Delta) || (state.Delta < 0 && current < long.MinValue - state.Delta))
            {
                return new RedisReply.Error(RespErrors.Overflow);
            }

            var result = current + state.Delta;
            Span<byte> digits = stackalloc byte[20];
            System.Buffers.Text.Utf8Formatter.TryFormat(result, digits, out var length);
            var bytes = digits[..length].ToArray();
            writer.Put(state.Key, bytes, exists ? entry.ExpiresAtMs : CacheEntry.NoExpiry, exists ? entry.Flags : 0, ChangeReason.Increment);
            return RedisReply.Of(result);
        });

    // Redis adds in long double and prints with 17 decimals, trailing zeros trimmed: decimal arithmetic gives
    // the same text for everyday values (0.1 + 0.2 is "0.3", not "0.30000000000000004"); double covers the rest.
    private static bool TryAddFloat(byte[] current, byte[] delta, out byte[] result, out RedisReply? error)
    {
        result = [];
        error = null;
        if (!RedisArgs.TryFloat(current, out var a) || !RedisArgs.TryFloat(delta, out var b))
        {
            error = new RedisReply.Error(RespErrors.NotFloat);
            return false;
        }

        var sum = a + b;
        if (double.IsNaN(sum) || double.IsInfinity(sum))
        {
            error = new RedisReply.Error(RespErrors.NaNOrInfinity);
            return false;
        }

        result = Encoding.ASCII.GetBytes(Format(current, delta, sum));
        return true;
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
