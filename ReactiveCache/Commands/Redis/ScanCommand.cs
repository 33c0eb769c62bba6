using System.Globalization;
using System.Text;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]. The cursor is a slot of the database's
/// <see cref="KeySlots"/>, where a key stays for as long as it exists, so, as with Redis, a key present for the whole
/// iteration is returned (exactly once) however the keyspace changes in between, and the iteration ends with
/// cursor 0. A page costs what it visits: about COUNT slots, never the whole keyspace.
/// </summary>
internal static class ScanCommand
{
    public static RedisReply Scan(RedisSession session, byte[][] args)
    {
        if (!TryParseCursor(args[1], out var cursor))
        {
            return new RedisReply.Error(RespErrors.InvalidCursor);
        }

        byte[]? pattern = null;
        long count = 10;
        ValueKind? type = null;
        var typeNamed = false;
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
                type = RedisTypes.Parse(args[++i]);
                typeNamed = true;
            }
            else
            {
                return RedisReply.Syntax;
            }
        }

        var (next, keys) = session.Store.Write((Cursor: cursor, Count: (int)Math.Min(count, int.MaxValue)), static (writer, state) => Page(writer, state.Cursor, state.Count));
        // A TYPE Redis does not know matches nothing (7.0 compares the name), as does one of a type no key here has.
        var matching = keys
            .Where(key => !typeNamed || (type is not null && key.Kind == type))
            .Select(key => key.Key)
            .Where(key => pattern is null || Glob.IsMatch(pattern, key));
        return new RedisReply.Array(
        [
            new RedisReply.Bulk(Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture))),
            new RedisReply.Array(matching.Select(key => (RedisReply)new RedisReply.Bulk(key)).ToArray()),
        ]);
    }

    /// <summary>A SCAN or HSCAN cursor as Redis reads it, with strtoul: "-1" is a (very large) cursor, not an error.</summary>
    public static bool TryParseCursor(byte[] argument, out ulong cursor)
    {
        var text = Encoding.ASCII.GetString(argument);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed) && signed < 0)
        {
            cursor = unchecked((ulong)signed);
            return true;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cursor);
    }

    /// <summary>
    /// Up to <paramref name="count"/> live keys from slot <paramref name="cursor"/> on. As Redis's dictScan gives up
    /// after ten times COUNT empty buckets, a page stops after visiting ten times COUNT free or expired slots, so a
    /// sparse stretch costs a few short pages instead of one long lock.
    /// </summary>
    /// <remarks>
    /// The cursor's high 32 bits are the slots' generation, its low 32 bits the slot: a cursor from before the keys
    /// were packed starts over, so no key present for the whole scan is missed.
    /// </remarks>
    private static (ulong Next, (byte[] Key, ValueKind Kind)[] Keys) Page(StoreWriter writer, ulong cursor, int count)
    {
        var slots = writer.Slots;
        var page = new List<(byte[] Key, ValueKind Kind)>(Math.Min(count, 1024));
        var emptyVisitsLeft = (long)count * 10;
        var slot = (uint)(cursor >> 32) == slots.Generation ? (long)(uint)cursor : 0;
        for (; slot < slots.End && page.Count < count && emptyVisitsLeft > 0; slot++)
        {
            if (slots.At((int)slot) is { } key && writer.TryPeek(key, out _, out var entry) && !entry.IsExpiredAt(writer.NowMs))
            {
                page.Add((key, entry.Kind));
            }
            else
            {
                emptyVisitsLeft--;
            }
        }

        var next = slot >= slots.End ? 0UL : ((ulong)slots.Generation << 32) | (ulong)slot;
        return (next, page.ToArray());
    }
}
