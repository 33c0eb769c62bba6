using System.Diagnostics;
using System.Globalization;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// INFO memory with Redis's field names. used_memory is the store's own accounting of its keys and values (what
/// maxmemory limits), not the managed heap; the heap is reported beside it as reactivecache_managed_heap.
/// </summary>
internal static class MemoryInfo
{
    public static string Section(RedisServer server)
    {
        var store = server.Databases[0];
        var used = store.UsedMemory;
        var peak = store.PeakUsedMemory;
        using var process = Process.GetCurrentProcess();
        var rss = process.WorkingSet64;
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        var max = store.MaxMemory;
        return ServerInfo.Lines("Memory",
            ("used_memory", used), ("used_memory_human", BytesToHuman(used)),
            ("used_memory_rss", rss), ("used_memory_rss_human", BytesToHuman(rss)),
            ("used_memory_peak", peak), ("used_memory_peak_human", BytesToHuman(peak)),
            ("maxmemory", max), ("maxmemory_human", BytesToHuman(max)),
            ("maxmemory_policy", store.EvictionPolicy.RedisName()),
            ("mem_fragmentation_ratio", FragmentationRatio(rss, heap)),
            ("mem_not_counted_for_evict", store.ReplayMemory),
            ("reactivecache_managed_heap", heap));
    }

    /// <summary>bytesToHuman in server.c: bytes below 1024, then K, M, G, T, P with two decimals.</summary>
    public static string BytesToHuman(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + "B";
        }

        var value = (double)bytes;
        foreach (var unit in "KMGTP")
        {
            value /= 1024;
            if (value < 1024 || unit == 'P')
            {
                return value.ToString("F2", CultureInfo.InvariantCulture) + unit;
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + "B";
    }

    // Redis prints rss / what its allocator handed out, with "%.2f". The analogue here is the managed heap, not
    // used_memory: keys alone would make a near-empty server's ratio a million.
    private static string FragmentationRatio(long rss, long used) =>
        (used == 0 ? 0 : (double)rss / used).ToString("F2", CultureInfo.InvariantCulture);
}
