using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// SSCAN key cursor [MATCH pattern] [COUNT count]. The cursor walks the set's <see cref="SetValue.Slots"/> as SCAN's
/// walks the keyspace's: a member present for the whole iteration is returned exactly once, and a page costs about
/// COUNT slots. A set Redis would keep as an intset is returned whole in one page with cursor 0, in numeric order, as
/// Redis does.
/// </summary>
internal static class SetScanCommand
{
    private static readonly RedisReply s_emptyScan = new RedisReply.Array([new RedisReply.Bulk("0"u8.ToArray()), RedisReply.EmptyArray]);

    public static RedisReply SScan(RedisSession session, byte[][] args)
    {
        if (!ScanPage.TryParseCursor(args[2], out var cursor))
        {
            return new RedisReply.Error(RespErrors.InvalidCursor);
        }

        // scanGenericCommand reads the options after the key: a missing key answers an empty scan, another type
        // WRONGTYPE, before a bad option is reported.
        var optionsError = ScanOptions.TryParse(args, first: 3, allowType: false, out var options);
        var page = session.Store.Write((Key: args[1], Cursor: cursor, options.Count), static (writer, state) =>
            writer.TryGetSet(state.Key, out _, out var set) ? Page(set, state.Cursor, state.Count) : ((ulong, byte[][])?)null);
        if (page is not { } found)
        {
            return s_emptyScan;
        }

        if (optionsError is not null)
        {
            return optionsError;
        }

        var (next, members) = found;
        var items = new List<RedisReply>(members.Length);
        foreach (var member in members)
        {
            if (options.Matches(member))
            {
                items.Add(new RedisReply.Bulk(member));
            }
        }

        return ScanPage.Reply(next, items);
    }

    /// <summary>
    /// The members from slot <paramref name="cursor"/> on, up to <paramref name="count"/> of them; as with SCAN, a page
    /// gives up after ten times COUNT free slots, and a cursor from before the slots were packed starts over.
    /// </summary>
    private static (ulong Next, byte[][] Members) Page(SetValue set, ulong cursor, int count)
    {
        if (set.IsIntset)
        {
            return (0, SetValue.InIntsetOrder(set.ToArray()));
        }

        return ScanPage.Walk(set.Slots, cursor, count, set, static (SetValue set, byte[] member, out byte[] item) =>
        {
            item = member;
            return true;
        });
    }
}
