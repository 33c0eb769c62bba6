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
        if (!ScanPage.TryParseCursor(args[2], out var cursor))
        {
            return new RedisReply.Error(RespErrors.InvalidCursor);
        }

        // scanGenericCommand reads the options after the key: a missing key answers an empty scan, a string
        // WRONGTYPE, before a bad option is reported.
        var optionsError = ScanOptions.TryParse(args, first: 3, allowType: false, out var options);
        var page = session.Store.Write((Key: args[1], Cursor: cursor, options.Count), static (writer, state) =>
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
            if (options.Matches(field.Name))
            {
                items.Add(new RedisReply.Bulk(field.Name));
                items.Add(new RedisReply.Bulk(field.Value!));
            }
        }

        return ScanPage.Reply(next, items);
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

        return ScanPage.Walk(hash.Slots, cursor, count, hash, static (HashValue hash, byte[] name, out HashField field) =>
        {
            var live = hash.TryGet(name, out var value);
            field = live ? new HashField(name, value) : default!;
            return live;
        });
    }
}
