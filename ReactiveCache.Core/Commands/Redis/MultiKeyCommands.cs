using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>MGET, MSET and MSETNX: one lock, one change batch for all the keys.</summary>
internal static class MultiKeyCommands
{
    public static RedisReply MGet(RedisSession session, byte[][] args) =>
        session.Store.Write(args, static (writer, args) =>
        {
            var values = new RedisReply[args.Length - 1];
            for (var i = 1; i < args.Length; i++)
            {
                // MGET answers nil for a key of another type, where GET would answer WRONGTYPE (as Redis does).
                values[i - 1] = writer.TryGet(args[i], out var entry) && entry.Value is StringValue text ? new RedisReply.Bulk(text.Bytes) : RedisReply.NullBulk;
            }

            return new RedisReply.Array(values);
        });

    public static RedisReply MSet(RedisSession session, byte[][] args)
    {
        if (args.Length % 2 == 0)
        {
            return RedisArgs.WrongArguments("mset");
        }

        session.Store.Write(args, static (writer, args) =>
        {
            PutAll(writer, args);
            return 0;
        });
        return RedisReply.Ok;
    }

    public static RedisReply MSetNx(RedisSession session, byte[][] args)
    {
        if (args.Length % 2 == 0)
        {
            return RedisArgs.WrongArguments("msetnx");
        }

        return session.Store.Write(args, static (writer, args) =>
        {
            for (var i = 1; i < args.Length; i += 2)
            {
                if (writer.Exists(args[i]))
                {
                    return RedisReply.Zero;
                }
            }

            PutAll(writer, args);
            return RedisReply.One;
        });
    }

    private static void PutAll(StoreWriter writer, byte[][] args)
    {
        for (var i = 1; i < args.Length; i += 2)
        {
            writer.SetString(args[i], args[i + 1], CacheEntry.NoExpiry, ChangeReason.Set);
        }
    }
}
