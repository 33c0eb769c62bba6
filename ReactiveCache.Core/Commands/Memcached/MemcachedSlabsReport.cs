using System.Globalization;
using System.Net;
using ReactiveCache.Networking;
using ReactiveCache.Store;
using static ReactiveCache.Commands.Memcached.MemcachedStatistics;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// <c>stats items</c>, <c>stats slabs</c> and <c>stats conns</c>, in memcached 1.6's names. The store has no slab
/// allocator, so every item is in one pseudo slab class, 1: its figures are the whole store's (curr_items, bytes,
/// evictions), and a tool that walks classes 1..63 (memcdump) finds every key in the first.
/// </summary>
internal static class MemcachedSlabsReport
{
    /// <summary>The pseudo slab class every item is in.</summary>
    public const int SlabClass = 1;

    private const int AgeSamples = 64;

    public static KeyValuePair<string, string>[] Items(CacheStore store, MemcachedStatistics statistics)
    {
        var count = store.Count;
        if (count == 0)
        {
            return [];
        }

        var evicted = statistics.Evictions(store.EvictedKeys);
        return
        [
            Item("number", count),
            Item("number_hot", 0),
            Item("number_warm", 0),
            Item("number_cold", count),
            Item("age_hot", 0),
            Item("age_warm", 0),
            Item("age", OldestSampledAgeSeconds(store)),
            Item("mem_requested", store.UsedMemory),
            Item("evicted", evicted),
            Item("evicted_nonzero", 0),
            Item("evicted_time", 0),
            Item("outofmemory", statistics[Counter.StoreNoMemory]),
            Item("tailrepairs", 0),
            Item("reclaimed", 0),
            Item("expired_unfetched", 0),
            Item("evicted_unfetched", 0),
            Item("evicted_active", 0),
            Item("crawler_reclaimed", 0),
            Item("crawler_items_checked", 0),
            Item("lrutail_reflocked", 0),
            Item("moves_to_cold", 0),
            Item("moves_to_warm", 0),
            Item("moves_within_lru", 0),
            Item("direct_reclaims", 0),
            Item("hits_to_hot", 0),
            Item("hits_to_warm", 0),
            Item("hits_to_cold", statistics[Counter.GetHits]),
            Item("hits_to_temp", 0),
        ];
    }

    public static KeyValuePair<string, string>[] Slabs(CacheStore store, MemcachedStatistics statistics)
    {
        var count = store.Count;
        var bytes = store.UsedMemory;
        if (count == 0)
        {
            return [Line("active_slabs", 0), Line("total_malloced", bytes)];
        }

        return
        [
            Slab("chunk_size", Math.Max(1, bytes / count)),
            Slab("chunks_per_page", count),
            Slab("total_pages", 1),
            Slab("total_chunks", count),
            Slab("used_chunks", count),
            Slab("free_chunks", 0),
            Slab("free_chunks_end", 0),
            Slab("get_hits", statistics[Counter.GetHits]),
            Slab("cmd_set", statistics[Counter.CmdSet]),
            Slab("delete_hits", statistics[Counter.DeleteHits]),
            Slab("incr_hits", statistics[Counter.IncrHits]),
            Slab("decr_hits", statistics[Counter.DecrHits]),
            Slab("cas_hits", statistics[Counter.CasHits]),
            Slab("cas_badval", statistics[Counter.CasBadval]),
            Slab("touch_hits", statistics[Counter.TouchHits]),
            Line("active_slabs", 1),
            Line("total_malloced", bytes),
        ];
    }

    /// <summary>
    /// The listener, then each connection by descriptor: its peer, the listener it came through, what it is doing
    /// (conn_parse_cmd for the one asking, conn_mwrite while a flush waits for the client, conn_nread while part of a
    /// request is held, conn_read otherwise) and the seconds since it last sent something.
    /// </summary>
    public static KeyValuePair<string, string>[] Conns(MemcachedListening listening, Connection? asking, DateTimeOffset now)
    {
        var lines = new List<KeyValuePair<string, string>>();
        var listen = Address(listening.EndPoint);
        if (listening.EndPoint is not null)
        {
            lines.Add(new($"{listening.Handle}:addr", listen));
            lines.Add(new($"{listening.Handle}:state", "conn_listening"));
            lines.Add(new($"{listening.Handle}:secs_since_last_cmd", "0"));
        }

        // The asking connection's first batch may run before the server has listed it.
        var connections = listening.Connections.ToList();
        if (asking is not null && asking.Listener is not null && !connections.Contains(asking))
        {
            connections.Add(asking);
            connections.Sort((left, right) => left.Handle.CompareTo(right.Handle));
        }

        foreach (var connection in connections)
        {
            var state = connection == asking ? "conn_parse_cmd"
                : connection.IsWriting ? "conn_mwrite"
                : connection.InputHeldBytes > 0 ? "conn_nread"
                : "conn_read";
            var idle = Math.Max(0, (now.UtcTicks - connection.LastActivityTicks) / TimeSpan.TicksPerSecond);
            lines.Add(new($"{connection.Handle}:addr", Address(connection.RemoteEndPoint)));
            lines.Add(new($"{connection.Handle}:listen_addr", Address(connection.LocalEndPoint)));
            lines.Add(new($"{connection.Handle}:state", state));
            lines.Add(new($"{connection.Handle}:secs_since_last_cmd", idle.ToString(CultureInfo.InvariantCulture)));
        }

        return [.. lines];
    }

    // The idle time of the least recently used of a few sampled keys: memcached's age is its LRU tail's, which a store
    // without one list in access order can only estimate without visiting every key.
    private static long OldestSampledAgeSeconds(CacheStore store) =>
        store.Write(0, static (writer, _) =>
        {
            var oldest = 0L;
            for (var i = 0; i < AgeSamples && writer.Slots.End > 0; i++)
            {
                if (writer.Slots.At(Random.Shared.Next(writer.Slots.End)) is { } key && writer.TryPeek(key, out byte[] _, out var entry))
                {
                    oldest = Math.Max(oldest, writer.IdleMs(entry));
                }
            }

            return oldest / 1000;
        });

    private static string Address(EndPoint? endPoint) => "tcp:" + EndPointText.Of(endPoint);

    private static KeyValuePair<string, string> Item(string name, long value) => Line($"items:{SlabClass}:{name}", value);

    private static KeyValuePair<string, string> Slab(string name, long value) => Line($"{SlabClass}:{name}", value);

    private static KeyValuePair<string, string> Line(string name, long value) => new(name, value.ToString(CultureInfo.InvariantCulture));
}
