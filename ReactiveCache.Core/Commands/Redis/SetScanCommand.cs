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
    public static RedisReply SScan(RedisSession session, byte[][] args) =>
        CollectionScan.Scan<byte[]>(
            session,
            args,
            static (writer, key, cursor, count) => writer.TryGetSet(key, out _, out var set) ? Page(set, cursor, count) : null,
            static member => member,
            static (items, member) => items.Add(new RedisReply.Bulk(member)));

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

        return SlotWalk.Walk(set.Slots, cursor, count, set, static (SetValue set, byte[] member, out byte[] item) =>
        {
            item = member;
            return true;
        });
    }
}
