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
    public static RedisReply HScan(RedisSession session, byte[][] args) =>
        CollectionScan.Scan<HashField>(
            session,
            args,
            static (writer, key, cursor, count) => writer.TryGetHash(key, out _, out var hash) ? Page(hash, cursor, count) : null,
            static field => field.Name,
            static (items, field) =>
            {
                items.Add(new RedisReply.Bulk(field.Name));
                items.Add(new RedisReply.Bulk(field.Value!));
            });

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

        return SlotWalk.Walk(hash.Slots, cursor, count, hash, static (HashValue hash, byte[] name, out HashField field) =>
        {
            var live = hash.TryGet(name, out var value);
            field = live ? new HashField(name, value) : default!;
            return live;
        });
    }
}
