using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// MEMORY USAGE key [SAMPLES count]: the bytes a key and its value take, from the value model's own estimate
/// (<see cref="Store.Values.CacheValue.Size"/>) plus the key and its entry. Redis samples big collections; the estimate
/// here is exact in the number of fields, so SAMPLES is checked and otherwise ignored.
/// </summary>
internal static class MemoryCommands
{
    /// <summary>An estimate of one key's bookkeeping: its entry object, dictionary entry and slot.</summary>
    private const long EntryOverhead = 64;

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

        return session.Store.Write(args[2], static (writer, key) =>
            writer.TryGet(key, out CacheEntry entry) ? RedisReply.Of(EntryOverhead + entry.Key.Length + entry.Value.Size) : RedisReply.NullBulk);
    }
}
