using System.Globalization;
using System.Text;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// HSCAN key cursor [MATCH pattern] [COUNT count]. The cursor walks the hash's <see cref="HashValue.Slots"/> as SCAN's
/// walks the keyspace's: a field present for the whole iteration is returned exactly once, and a page costs about
/// COUNT slots. A hash Redis would keep as a listpack is returned whole in one page with cursor 0, as Redis does.
/// </summary>
internal static class HashScanCommand
{
    private static readonly RedisReply s_emptyScan = new RedisReply.Array([new RedisReply.Bulk("0"u8.ToArray()), RedisReply.EmptyArray]);

    public static RedisReply HScan(RedisSession session, byte[][] args)
    {
        if (!ScanCommand.TryParseCursor(args[2], out var cursor))
        {
            return new RedisReply.Error(RespErrors.InvalidCursor);
        }

        // scanGenericCommand reads the options after the key: a missing key answers an empty scan, a string
        // WRONGTYPE, before a bad option is reported.
        var optionsError = TryParseOptions(args, out var pattern, out var count);
        var page = session.Store.Write((Key: args[1], Cursor: cursor, Count: count), static (writer, state) =>
            writer.TryGetHash(state.Key, out _, out var hash) ? Page(hash, state.Cursor, state.Count) : ((ulong, HashField[])?)null);
        if (page is not { } found)
        {
            return s_emptyScan;
        }

        var (next, fields) = found;

        if (optionsError is not null)
        {
            return optionsError;
        }

        var items = new List<RedisReply>(fields.Length * 2);
        foreach (var field in fields)
        {
            if (pattern is null || Glob.IsMatch(pattern, field.Name))
            {
                items.Add(new RedisReply.Bulk(field.Name));
                items.Add(new RedisReply.Bulk(field.Value!));
            }
        }

        return new RedisReply.Array(
        [
            new RedisReply.Bulk(Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture))),
            new RedisReply.Array(items),
        ]);
    }

    private static RedisReply? TryParseOptions(byte[][] args, out byte[]? pattern, out int count)
    {
        pattern = null;
        count = 10;
        for (var i = 3; i < args.Length; i++)
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
                if (!RedisArgs.TryInteger(args[++i], out var wanted))
                {
                    return RedisReply.NotInteger;
                }

                if (wanted < 1)
                {
                    return RedisReply.Syntax;
                }

                count = (int)Math.Min(wanted, int.MaxValue);
            }
            else
            {
                return RedisReply.Syntax;
            }
        }

        return null;
    }

    /// <summary>
    /// The fields from slot <paramref name="cursor"/> on, up to <paramref name="count"/> of them; as with SCAN, a page
    /// gives up after ten times COUNT free slots, and a cursor from before the slots were packed starts over.
    /// </summary>
    private static (ulong Next, HashField[] Fields) Page(HashValue hash, ulong cursor, int count)
    {
        if (hash.IsListpack)
        {
            return (0, hash.ToArray());
        }

        var slots = hash.Slots;
        var page = new List<HashField>(Math.Min(count, 1024));
        var emptyVisitsLeft = (long)count * 10;
        var slot = (uint)(cursor >> 32) == slots.Generation ? (long)(uint)cursor : 0;
        for (; slot < slots.End && page.Count < count && emptyVisitsLeft > 0; slot++)
        {
            if (slots.At((int)slot) is { } name && hash.TryGet(name, out var value))
            {
                page.Add(new HashField(name, value));
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
