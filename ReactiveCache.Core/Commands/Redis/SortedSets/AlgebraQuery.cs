using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis.SortedSets;

internal enum Operation
{
    Union,
    Inter,
    Diff,
}

internal enum Aggregate
{
    Sum,
    Min,
    Max,
}

/// <summary>
/// A parsed ZUNION/ZINTER/ZDIFF (or STORE form, or ZINTERCARD): its keys, their weights, how scores aggregate, and
/// the option error to answer once the keys were looked up (Redis reports WRONGTYPE first).
/// </summary>
internal sealed record AlgebraQuery(byte[][] Keys, Operation Operation, double[] Weights, Aggregate Aggregate, bool WithScores, long Limit, RedisReply? Error)
{
    /// <summary>Reads "numkeys key [key ...]" at <paramref name="numKeysAt"/>.</summary>
    public static RedisReply? TryParseKeys(byte[][] args, int numKeysAt, out byte[][] keys)
    {
        keys = [];
        if (!RedisArgs.TryInteger(args[numKeysAt], out var count))
        {
            return RedisReply.NotInteger;
        }

        if (count < 1)
        {
            return RedisArgs.Error(RespErrors.AtLeastOneInputKey, RedisArgs.Lower(args[0]));
        }

        if (count > args.Length - numKeysAt - 1)
        {
            return RedisReply.Syntax;
        }

        keys = args[(numKeysAt + 1)..(numKeysAt + 1 + (int)count)];
        return null;
    }

    /// <summary>Reads the options from <paramref name="first"/> on; a bad one is kept as <see cref="Error"/>.</summary>
    public static AlgebraQuery Parse(byte[][] args, int first, byte[][] keys, Operation operation, bool cardinality, bool store)
    {
        var weights = Enumerable.Repeat(1.0, keys.Length).ToArray();
        var aggregate = Aggregate.Sum;
        var withScores = false;
        long limit = 0;
        var combines = operation != Operation.Diff && !cardinality;
        for (var i = first; i < args.Length; i++)
        {
            var remaining = args.Length - i;
            if (combines && remaining >= keys.Length + 1 && RedisArgs.Is(args[i], "WEIGHTS"))
            {
                for (var k = 0; k < keys.Length; k++)
                {
                    if (!ScoreText.TryParseScore(args[++i], out weights[k]))
                    {
                        return Failed(new RedisReply.Error(RespErrors.WeightNotFloat));
                    }
                }
            }
            else if (combines && remaining >= 2 && RedisArgs.Is(args[i], "AGGREGATE"))
            {
                var word = args[++i];
                aggregate = RedisArgs.Is(word, "SUM") ? Aggregate.Sum : RedisArgs.Is(word, "MIN") ? Aggregate.Min : RedisArgs.Is(word, "MAX") ? Aggregate.Max : (Aggregate)(-1);
                if (aggregate < 0)
                {
                    return Failed(RedisReply.Syntax);
                }
            }
            else if (!store && !cardinality && RedisArgs.Is(args[i], "WITHSCORES"))
            {
                withScores = true;
            }
            else if (cardinality && remaining >= 2 && RedisArgs.Is(args[i], "LIMIT"))
            {
                if (!RedisArgs.TryInteger(args[++i], out limit) || limit < 0)
                {
                    return Failed(new RedisReply.Error(RespErrors.LimitNegative));
                }
            }
            else
            {
                return Failed(RedisReply.Syntax);
            }
        }

        return new AlgebraQuery(keys, operation, weights, aggregate, withScores, limit, null);

        AlgebraQuery Failed(RedisReply error) => new(keys, operation, weights, aggregate, false, 0, error);
    }

    /// <summary>Looks every key up under the lock, with its weight; a key of another type throws WRONGTYPE.</summary>
    public AlgebraSource[] Sources(StoreWriter writer)
    {
        var sources = new AlgebraSource[Keys.Length];
        for (var i = 0; i < Keys.Length; i++)
        {
            sources[i] = AlgebraSource.Of(writer, Keys[i], Weights[i]);
        }

        return sources;
    }
}
