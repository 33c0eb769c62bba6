using System.Globalization;
using System.Text;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// SCAN-family cursors and replies. How every such cursor walks a <see cref="KeySlots"/> (the keyspace's, or a collection's): the cursor's high
/// 32 bits are the slots' generation, its low 32 bits the slot, so a cursor from before the slots were packed starts
/// over and no name present for the whole scan is missed; and, as Redis's dictScan gives up after ten times COUNT
/// empty buckets, a page stops after visiting ten times COUNT free or dead slots, so a sparse stretch costs a few
/// short pages instead of one long lock (<see cref="SlotWalk"/>, which memcached's key dumps walk too).
/// </summary>
internal static class ScanPage
{
    /// <summary>A SCAN-family cursor as Redis reads it, with strtoul: "-1" is a (very large) cursor, not an error.</summary>
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

    /// <summary>The two-element reply every SCAN-family command gives: the next cursor, then the page.</summary>
    public static RedisReply Reply(ulong next, IReadOnlyList<RedisReply> items) =>
        new RedisReply.Array(
        [
            new RedisReply.Bulk(Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture))),
            new RedisReply.Array(items),
        ]);
}
