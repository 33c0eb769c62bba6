using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// HINCRBY and HINCRBYFLOAT: a field read, added to and written back under the store's lock, as one change whose
/// reason names the command (keyspace events <c>hincrby</c>, <c>hincrbyfloat</c>). A missing key or field counts as 0.
/// </summary>
/// <remarks>
/// As in hincrbyCommand, the increment is checked before the key (a bad increment on a string key answers
/// "not an integer", not WRONGTYPE), and the stored value after it.
/// </remarks>
internal static class HashCounterCommands
{
    private static readonly byte[] s_zero = "0"u8.ToArray();

    public static RedisReply HIncrBy(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryInteger(args[3], out var delta))
        {
            return RedisReply.NotInteger;
        }

        return session.Store.Write((Args: args, Delta: delta, Limits: HashCommands.HashLimits(session)), static (writer, state) =>
        {
            var (key, field) = (state.Args[1], state.Args[2]);
            long current = 0;
            if (writer.TryGetHash(key, out _, out var hash) && hash.TryGet(field, out var text) && !Counters.TryParseSigned(text, out current))
            {
                return new RedisReply.Error(RespErrors.HashNotInteger);
            }

            if (!Counters.TryAdd(current, state.Delta, out var sum))
            {
                return new RedisReply.Error(RespErrors.Overflow);
            }

            writer.SetFields(key, [new HashField(field, Counters.Format(sum))], state.Limits, ChangeReason.HashIncrement);
            return RedisReply.Of(sum);
        });
    }

    public static RedisReply HIncrByFloat(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryFloat(args[3], out var delta))
        {
            return new RedisReply.Error(RespErrors.NotFloat);
        }

        if (double.IsInfinity(delta))
        {
            return new RedisReply.Error(RespErrors.IncrementNaNOrInfinity);
        }

        return session.Store.Write((Args: args, Limits: HashCommands.HashLimits(session)), static RedisReply (writer, state) =>
        {
            var (key, field) = (state.Args[1], state.Args[2]);
            var current = writer.TryGetHash(key, out _, out var hash) && hash.TryGet(field, out var text) ? text : s_zero;
            switch (FloatText.TryAdd(current, state.Args[3], out var result))
            {
                case FloatText.Outcome.CurrentNotFloat:
                    return new RedisReply.Error(RespErrors.HashNotFloat);
                case FloatText.Outcome.NaNOrInfinity:
                    return new RedisReply.Error(RespErrors.NaNOrInfinity);
            }

            writer.SetFields(key, [new HashField(field, result)], state.Limits, ChangeReason.HashIncrementFloat);
            return new RedisReply.Bulk(result);
        });
    }
}
