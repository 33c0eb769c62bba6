using System.Globalization;
using System.Text;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]. The cursor is a position in the order of the
/// keys' 32-bit hashes, so, as with Redis, a key present for the whole iteration is returned at least
/// once however the keyspace changes in between, and the iteration ends with cursor 0.
/// </summary>
internal static class ScanCommand
{
    public static RedisReply Scan(RedisSession session, byte[][] args)
    {
        // Redis reads the cursor with strtoul, so "-1" is a (very large) cursor, not an error.
        var text = Encoding.ASCII.GetString(args[1]);
        ulong cursor;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed) && signed < 0)
        {
            cursor = unchecked((ulong)signed);
        }
        else if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cursor))
        {
            return new RedisReply.Error(RespErrors.InvalidCursor);
        }

        byte[]? pattern = null;
        long count = 10;
        var onlyStrings = true;
        for (var i = 2; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                return RedisReply.Syntax;
            }

            if (RedisArgs.Is(args[i], "MATCH"))
            {
                pattern = Glob.IsMatchAll(args[++i]) ? null : args[i];
            }
            else if (RedisArgs.Is(args[i], "COUNT"))
            {
                if (!RedisArgs.TryInteger(args[++i], out count))
                {
                    return RedisReply.NotInteger;
                }

                if (count < 1)
                {
                    return RedisReply.Syntax;
                }
            }
            else if (RedisArgs.Is(args[i], "TYPE"))
            {
                onlyStrings = RedisArgs.Is(args[++i], "string");
            }
            else
            {
                return RedisReply.Syntax;
            }
        }

        var (next, keys) = cursor > uint.MaxValue
            ? (0UL, [])
            : session.Store.Write((Cursor: (uint)cursor, Count: (int)Math.Min(count, int.MaxValue)), static (writer, state) => Page(writer, state.Cursor, state.Count));
        var matching = keys.Where(key => onlyStrings && (pattern is null || Glob.IsMatch(pattern, key)));
        return new RedisReply.Array(
        [
            new RedisReply.Bulk(Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture))),
            new RedisReply.Array(matching.Select(key => (RedisReply)new RedisReply.Bulk(key)).ToArray()),
        ]);
    }

    /// <summary>About <paramref name="count"/> live keys whose hash is at least <paramref name="cursor"/>, whole hash values at a time.</summary>
    private static (ulong Next, byte[][] Keys) Page(StoreWriter writer, uint cursor, int count)
    {
        var candidates = new PriorityQueue<byte[], uint>();
        foreach (var (key, entry) in writer.Entries)
        {
            var hash = HashOf(key);
            if (hash >= cursor && !entry.IsExpiredAt(writer.NowMs))
            {
                candidates.Enqueue(key, hash);
            }
        }

        var page = new List<byte[]>();
        var last = 0u;
        while (candidates.TryPeek(out _, out var hash) && (page.Count < count || hash == last))
        {
            page.Add(candidates.Dequeue());
            last = hash;
        }

        var next = candidates.Count == 0 || last == uint.MaxValue ? 0UL : last + 1UL;
        return (next, page.ToArray());
    }

    private static uint HashOf(byte[] key) => (uint)KeyComparer.Instance.GetHashCode(key);
}
