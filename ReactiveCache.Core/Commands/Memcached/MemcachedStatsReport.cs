using System.Diagnostics;
using static ReactiveCache.Commands.Memcached.MemcachedStatistics;

namespace ReactiveCache.Commands.Memcached;

/// <summary>The lines of <c>stats</c> and <c>stats settings</c>, named as memcached 1.6 names them.</summary>
internal static class MemcachedStatsReport
{
    /// <summary>
    /// The connection and byte figures are the memcached listener's (<see cref="ServerStatistics.Memcached"/>), since
    /// its last <c>stats reset</c> where memcached resets them; the item figures are the whole store's.
    /// </summary>
    public static KeyValuePair<string, string>[] General(CacheStore store, MemcachedStatistics statistics, ServerStatistics server, MemcachedSettings settings)
    {
        var now = store.Scheduler.Now;
        using var process = Process.GetCurrentProcess();
        var traffic = server.Memcached;
        var sinceReset = traffic.SinceReset;
        return
        [
            new("pid", Environment.ProcessId.ToString()),
            new("uptime", ((long)(now - server.StartedAt).TotalSeconds).ToString()),
            new("time", now.ToUnixTimeSeconds().ToString()),
            new("version", MemcachedSettings.Version),
            new("pointer_size", (IntPtr.Size * 8).ToString()),
            new("rusage_user", Seconds(process.UserProcessorTime)),
            new("rusage_system", Seconds(process.PrivilegedProcessorTime)),
            new("max_connections", settings.MaxClients.ToString()),
            Line("curr_connections", traffic.ConnectionsCurrent),
            Line("total_connections", sinceReset.ConnectionsAccepted),
            Line("rejected_connections", sinceReset.ConnectionsRejected),
            // One structure per open connection and one for the listener, as memcached counts them.
            Line("connection_structures", traffic.ConnectionsCurrent + 1),
            Line("cmd_get", statistics[Counter.CmdGet]),
            Line("cmd_set", statistics[Counter.CmdSet]),
            Line("cmd_flush", statistics[Counter.CmdFlush]),
            Line("cmd_touch", statistics[Counter.CmdTouch]),
            Line("cmd_meta", statistics[Counter.MetaCommands]),
            Line("get_hits", statistics[Counter.GetHits]),
            Line("get_misses", statistics[Counter.GetMisses]),
            Line("get_expired", 0),
            Line("get_flushed", 0),
            Line("delete_misses", statistics[Counter.DeleteMisses]),
            Line("delete_hits", statistics[Counter.DeleteHits]),
            Line("incr_misses", statistics[Counter.IncrMisses]),
            Line("incr_hits", statistics[Counter.IncrHits]),
            Line("decr_misses", statistics[Counter.DecrMisses]),
            Line("decr_hits", statistics[Counter.DecrHits]),
            Line("cas_misses", statistics[Counter.CasMisses]),
            Line("cas_hits", statistics[Counter.CasHits]),
            Line("cas_badval", statistics[Counter.CasBadval]),
            Line("touch_hits", statistics[Counter.TouchHits]),
            Line("touch_misses", statistics[Counter.TouchMisses]),
            Line("store_too_large", statistics[Counter.StoreTooLarge]),
            Line("store_no_memory", statistics[Counter.StoreNoMemory]),
            Line("auth_cmds", statistics[Counter.AuthCommands]),
            Line("auth_errors", statistics[Counter.AuthErrors]),
            Line("bytes_read", sinceReset.BytesRead),
            Line("bytes_written", sinceReset.BytesWritten),
            // The one budget of every protocol (--maxmemory); 0 when there is none, as memcached -m 0 reports it.
            Line("limit_maxbytes", store.MaxMemory),
            Line("accepting_conns", 1),
            Line("listen_disabled_num", 0),
            new("threads", Environment.ProcessorCount.ToString()),
            Line("conn_yields", 0),
            // Every database's keys, as the limit counts them: what memcached's bytes is to its -m.
            Line("bytes", store.UsedMemory),
            Line("curr_items", store.Count),
            Line("total_items", statistics[Counter.TotalItems]),
            // Not tracked: the store does not mark whether a value was read since it was set.
            Line("expired_unfetched", 0),
            Line("evicted_unfetched", 0),
            Line("evicted_active", 0),
            Line("evictions", statistics.Evictions(store.EvictedKeys)),
            Line("reclaimed", 0),
            new("store_last_sequence", store.LastSequence.ToString()),
        ];
    }

    public static KeyValuePair<string, string>[] Settings(MemcachedSettings settings, CacheStore store) =>
    [
        Line("maxbytes", store.MaxMemory),
        new("maxconns", settings.MaxClients.ToString()),
        new("tcpport", settings.Port.ToString()),
        new("udpport", "0"),
        new("verbosity", "0"),
        new("oldest", "0"),
        // memcached's -M turns evictions off; here the store's one policy decides, for every protocol.
        new("evictions", store.EvictionPolicy == EvictionPolicy.NoEviction ? "off" : "on"),
        new("cas_enabled", "yes"),
        new("item_size_max", settings.MaxItemSize.ToString()),
        new("max_line_length", settings.MaxLineLength.ToString()),
        new("binding_protocol", "ascii"),
        new("meta_commands", "yes"),
        new("lru_crawler", "yes"),
        new("dump_enabled", "yes"),
        new("flush_enabled", "yes"),
    ];

    private static KeyValuePair<string, string> Line(string name, long value) => new(name, value.ToString());

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.000000", System.Globalization.CultureInfo.InvariantCulture);
}
