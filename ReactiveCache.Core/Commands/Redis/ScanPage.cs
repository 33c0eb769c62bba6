using System.Globalization;
using System.Text;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// How every SCAN-family cursor walks a <see cref="KeySlots"/> (the keyspace's, or a collection's): the cursor's high
/// 32 bits are the slots' generation, its low 32 bits the slot, so a cursor from before the slots were packed starts
/// over and no name present for the whole scan is missed; and, as Redis's dictScan gives up after ten times COUNT
/// empty buckets, a page stops after visiting ten times COUNT free or dead slots, so a sparse stretch costs a few
/// short pages instead of one long lock.
/// </summary>
internal static class ScanPage
{
    /// <summary>
    /// Up to <paramref name="count"/> items from slot <paramref name="cursor"/> on, each made by
    /// <paramref name="live"/> from a slot's name (false for a name that no longer counts, such as an expired key),
    /// and the cursor of the next page (0 when the walk is done).
    /// </summary>
    public static (ulong Next, T[] Items) Walk<T, TState>(KeySlots slots, ulong cursor, int count, TState state, LiveItem<T, TState> live)
    {
        var page = new List<T>(Math.Min(count, 1024));
        var emptyVisitsLeft = (long)count * 10;
        var slot = (uint)(cursor >> 32) == slots.Generation ? (long)(uint)cursor : 0;
        for (; slot < slots.End && page.Count < count && emptyVisitsLeft > 0; slot++)
        {
            if (slots.At((int)slot) is { } name && live(state, name, out var item))
            {
                page.Add(item);
            }
            else
            {
                emptyVisitsLeft--;
            }
        }

        var next = slot >= slots.End ? 0UL : ((ulong)slots.Generation << 32) | (ulong)slot;
        return (next, page.ToArray());
    }

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

    public delegate bool LiveItem<T, in TState>(TState state, byte[] name, out T item);
}
