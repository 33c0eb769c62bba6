using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// LMPOP's and BLMPOP's <c>numkeys key [key ...] LEFT|RIGHT [COUNT count]</c>, read as lmpopGenericCommand reads it:
/// numkeys from 1 up, never more keys than words; COUNT at most once, from 1 up.
/// </summary>
internal sealed record ListPopRequest(byte[][] Keys, bool Left, long Count)
{
    /// <param name="args">The command's words.</param>
    /// <param name="numKeysAt">Where numkeys is: 1 for LMPOP, 2 for BLMPOP (after the timeout).</param>
    /// <param name="request">The request read.</param>
    /// <param name="error">Redis's error for a request it refuses.</param>
    public static bool TryParse(byte[][] args, int numKeysAt, out ListPopRequest request, out RedisReply? error)
    {
        request = null!;
        if (!RedisArgs.TryInteger(args[numKeysAt], out var numKeys) || numKeys < 1)
        {
            error = new RedisReply.Error(RespErrors.NumKeysNotPositive);
            return false;
        }

        // Compared as a long: numkeys near long.MaxValue must not wrap into a small index.
        var endAt = numKeysAt + 1 + numKeys;
        if (numKeys >= args.Length || endAt >= args.Length || !ListMoveCommands.TryEnd(args[endAt], out var left))
        {
            error = RedisReply.Syntax;
            return false;
        }

        var count = -1L;
        for (var i = (int)endAt + 1; i < args.Length; i++)
        {
            if (count == -1 && i + 1 < args.Length && RedisArgs.Is(args[i], "COUNT"))
            {
                if (!RedisArgs.TryInteger(args[++i], out count) || count < 1)
                {
                    error = new RedisReply.Error(RespErrors.CountNotPositive);
                    return false;
                }
            }
            else
            {
                error = RedisReply.Syntax;
                return false;
            }
        }

        error = null;
        request = new ListPopRequest(args[(numKeysAt + 1)..(int)endAt], left, count == -1 ? 1 : count);
        return true;
    }
}
