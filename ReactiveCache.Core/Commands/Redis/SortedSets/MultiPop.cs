using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>
/// ZMPOP's and BZMPOP's "numkeys key [key ...] MIN|MAX [COUNT count]", read as zmpopGenericCommand reads it, and
/// the pop itself: up to COUNT of the lowest or highest members of one key, answered [key, [[member, score]...]].
/// </summary>
internal sealed record MultiPop(byte[][] Keys, bool Highest, long Count)
{
    public static RedisReply? TryParse(byte[][] args, int numKeysAt, out MultiPop pop)
    {
        pop = null!;
        if (!RedisArgs.TryInteger(args[numKeysAt], out var numKeys) || numKeys < 1)
        {
            return new RedisReply.Error(RespErrors.NumKeysNotPositive);
        }

        var whereAt = numKeysAt + 1 + numKeys;
        if (whereAt >= args.Length)
        {
            return RedisReply.Syntax;
        }

        var highest = RedisArgs.Is(args[whereAt], "MAX");
        if (!highest && !RedisArgs.Is(args[whereAt], "MIN"))
        {
            return RedisReply.Syntax;
        }

        long count = -1;
        for (var i = (int)whereAt + 1; i < args.Length; i++)
        {
            if (count != -1 || !RedisArgs.Is(args[i], "COUNT") || i + 1 == args.Length)
            {
                return RedisReply.Syntax;
            }

            if (!RedisArgs.TryInteger(args[++i], out count) || count < 1)
            {
                return new RedisReply.Error(RespErrors.CountNotPositive);
            }
        }

        pop = new MultiPop(args[(numKeysAt + 1)..(int)whereAt], highest, Math.Max(count, 1));
        return null;
    }

    /// <summary>Pops from <paramref name="key"/> under the lock: the reply, or null when it holds no sorted set.</summary>
    public RedisReply? Popped(StoreWriter writer, byte[] key) =>
        writer.PopExtremes(key, Highest, Count) is { Length: > 0 } popped
            ? new RedisReply.Array([new RedisReply.Bulk(key), SortedSetReplies.Pairs(popped)])
            : null;
}
