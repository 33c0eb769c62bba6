using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// MEMORY USAGE key [SAMPLES count]: the bytes a key and its value take, exactly as they count toward
/// <c>used_memory</c> and <c>maxmemory</c> (<see cref="Store.Memory.MemoryFootprint"/>). Redis samples big collections; the estimate
/// here is exact in the number of fields, so SAMPLES is checked and otherwise ignored.
/// </summary>
internal static class MemoryCommands
{
    public static RedisReply Usage(RedisSession session, byte[][] args)
    {
        for (var i = 3; i < args.Length; i++)
        {
            // object.c: SAMPLES needs a count that is a non-negative integer; anything else is a syntax error.
            if (!RedisArgs.Is(args[i], "SAMPLES") || i + 1 >= args.Length)
            {
                return RedisReply.Syntax;
            }

            if (!RedisArgs.TryInteger(args[++i], out var samples))
            {
                return RedisReply.NotInteger;
            }

            if (samples < 0)
            {
                return RedisReply.Syntax;
            }
        }

        return session.Store.MemoryUsage(args[2]) is { } bytes ? RedisReply.Of(bytes) : RedisReply.NullBulk;
    }
}
