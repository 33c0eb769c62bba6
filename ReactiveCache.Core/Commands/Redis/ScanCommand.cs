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
        if (!ScanPage.TryParseCursor(args[1], out var cursor))
        {
            return new RedisReply.Error(RespErrors.InvalidCursor);
        }

        if (ScanOptions.TryParse(args, first: 2, allowType: true, out var options) is { } error)
        {
            return error;
        }

        var (next, keys) = session.Store.Write((Cursor: cursor, options.Count), static (writer, state) =>
            SlotWalk.Walk(writer.Slots, state.Cursor, state.Count, writer, static (StoreWriter writer, byte[] key, out (byte[] Key, ValueKind Kind) live) =>
            {
                var found = writer.TryPeek(key, out _, out var entry) && !entry.IsExpiredAt(writer.NowMs);
                live = found ? (key, entry.Kind) : default;
                return found;
            }));

        // A TYPE Redis does not know matches nothing (7.0 compares the name), as does one of a type no key here has.
        var matching = keys
            .Where(key => !options.TypeNamed || (options.Type is not null && key.Kind == options.Type))
            .Where(key => options.Matches(key.Key))
            .Select(key => (RedisReply)new RedisReply.Bulk(key.Key))
            .ToArray();
        return ScanPage.Reply(next, matching);
    }
}
