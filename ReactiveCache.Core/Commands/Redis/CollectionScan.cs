using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// What HSCAN, SSCAN and ZSCAN (key cursor [MATCH pattern] [COUNT count]) share: the order Redis reads their
/// arguments in, the empty answer for a missing key, and the MATCH filter. Each type says how a page of its value is
/// taken (under the lock) and how one item is answered.
/// </summary>
internal static class CollectionScan
{
    private static readonly RedisReply s_emptyScan = new RedisReply.Array([new RedisReply.Bulk("0"u8.ToArray()), RedisReply.EmptyArray]);

    /// <summary>A page of the collection at <paramref name="key"/>, or null when there is none; throws WRONGTYPE.</summary>
    public delegate (ulong Next, TItem[] Items)? PageOf<TItem>(StoreWriter writer, byte[] key, ulong cursor, int count);

    public static RedisReply Scan<TItem>(
        RedisSession session, byte[][] args, PageOf<TItem> page, Func<TItem, byte[]> nameOf, Action<List<RedisReply>, TItem> answer)
    {
        if (!ScanPage.TryParseCursor(args[2], out var cursor))
        {
            return new RedisReply.Error(RespErrors.InvalidCursor);
        }

        // scanGenericCommand reads the options after the key: a missing key answers an empty scan, another type
        // WRONGTYPE, before a bad option is reported.
        var optionsError = ScanOptions.TryParse(args, first: 3, allowType: false, out var options);
        var found = session.Store.Write((Key: args[1], Cursor: cursor, options.Count, Page: page), static (writer, state) =>
            state.Page(writer, state.Key, state.Cursor, state.Count));
        if (found is not { } result)
        {
            return s_emptyScan;
        }

        if (optionsError is not null)
        {
            return optionsError;
        }

        var items = new List<RedisReply>(result.Items.Length);
        foreach (var item in result.Items)
        {
            if (options.Matches(nameOf(item)))
            {
                answer(items, item);
            }
        }

        return ScanPage.Reply(result.Next, items);
    }
}
