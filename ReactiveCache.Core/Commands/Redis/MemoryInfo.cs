using System.Globalization;
using ReactiveCache.Commands.Redis.Introspection;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// INFO memory with Redis's field names. used_memory is the store's own accounting of its keys and values (what
/// maxmemory limits), not the managed heap; the heap is reported as the allocator's figures and as
/// reactivecache_managed_heap. Fields for what this server has none of (Lua, replication, AOF) are 0.
/// </summary>
internal static class MemoryInfo
{
    public static string Section(RedisServer server)
    {
        var memory = MemoryFigures.Of(server);
        var store = server.Databases[0];
        return ServerInfo.Lines("Memory",
            ("used_memory", memory.Used), ("used_memory_human", BytesToHuman(memory.Used)),
            ("used_memory_rss", memory.Rss), ("used_memory_rss_human", BytesToHuman(memory.Rss)),
            ("used_memory_peak", memory.Peak), ("used_memory_peak_human", BytesToHuman(memory.Peak)),
            ("used_memory_peak_perc", Percent(memory.PeakPercentage)),
            ("used_memory_overhead", memory.Overhead), ("used_memory_startup", 0),
            ("used_memory_dataset", memory.Dataset), ("used_memory_dataset_perc", Percent(memory.DatasetPercentage)),
            ("allocator_allocated", memory.Heap), ("allocator_active", memory.Committed), ("allocator_resident", memory.Rss),
            ("total_system_memory", memory.SystemMemory), ("total_system_memory_human", BytesToHuman(memory.SystemMemory)),
            ("used_memory_lua", 0), ("used_memory_vm_eval", 0), ("used_memory_lua_human", "0B"), ("used_memory_scripts_eval", 0),
            ("number_of_cached_scripts", 0), ("number_of_functions", 0), ("number_of_libraries", 0),
            ("used_memory_vm_functions", 0), ("used_memory_vm_total", 0), ("used_memory_vm_total_human", "0B"),
            ("used_memory_functions", 0), ("used_memory_scripts", 0), ("used_memory_scripts_human", "0B"),
            ("maxmemory", memory.Max), ("maxmemory_human", BytesToHuman(memory.Max)),
            ("maxmemory_policy", store.EvictionPolicy.RedisName()),
            ("allocator_frag_ratio", Ratio(memory.Heap == 0 ? 0 : (double)memory.Committed / memory.Heap)),
            ("allocator_frag_bytes", Math.Max(0, memory.Committed - memory.Heap)),
            ("allocator_rss_ratio", Ratio(memory.Committed == 0 ? 0 : (double)memory.Rss / memory.Committed)),
            ("allocator_rss_bytes", memory.Rss - memory.Committed),
            ("rss_overhead_ratio", Ratio(1)), ("rss_overhead_bytes", 0),
            ("mem_fragmentation_ratio", Ratio(memory.Fragmentation)), ("mem_fragmentation_bytes", memory.Rss - memory.Heap),
            ("mem_not_counted_for_evict", memory.NotCountedForEvict), ("mem_replication_backlog", 0), ("mem_total_replication_buffers", 0),
            ("mem_clients_slaves", 0), ("mem_clients_normal", 0), ("mem_cluster_links", 0), ("mem_aof_buffer", 0),
            ("mem_allocator", "dotnet-gc"), ("active_defrag_running", 0), ("lazyfree_pending_objects", 0), ("lazyfreed_objects", 0),
            ("reactivecache_managed_heap", memory.Heap));
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

    private static string Ratio(double ratio) => ratio.ToString("F2", CultureInfo.InvariantCulture);

    private static string Percent(double percent) => percent.ToString("F2", CultureInfo.InvariantCulture) + "%";
}
