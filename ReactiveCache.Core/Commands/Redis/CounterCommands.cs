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

        return session.Store.Write((Key: args[1], Delta: args[2]), static RedisReply (writer, state) =>
        {
            var exists = writer.TryGetString(state.Key, out var entry, out var current);
            switch (FloatText.TryAdd(exists ? current : "0"u8.ToArray(), state.Delta, out var result))
            {
                case FloatText.Outcome.CurrentNotFloat:
                    return new RedisReply.Error(RespErrors.NotFloat);
                case FloatText.Outcome.NaNOrInfinity:
                    return new RedisReply.Error(RespErrors.NaNOrInfinity);
            }

            writer.SetString(state.Key, result, exists ? entry.ExpiresAtMs : CacheEntry.NoExpiry, ChangeReason.IncrementFloat);
            return new RedisReply.Bulk(result);
        });
    }

    private static RedisReply Add(RedisSession session, byte[] key, long delta) =>
        session.Store.Write((Key: key, Delta: delta), static (writer, state) =>
        {
            var exists = writer.TryGetString(state.Key, out var entry, out var text);
            long current = 0;
            if (exists && !Counters.TryParseSigned(text, out current))
            {
                return RedisReply.NotInteger;
            }

            if (!Counters.TryAdd(current, state.Delta, out var result))
            {
                return new RedisReply.Error(RespErrors.Overflow);
            }

            writer.SetString(state.Key, Counters.Format(result), exists ? entry.ExpiresAtMs : CacheEntry.NoExpiry, ChangeReason.Increment);
            return RedisReply.Of(result);
        });
}
