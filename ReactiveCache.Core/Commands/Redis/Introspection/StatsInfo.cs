using System.Globalization;
using System.Text;

namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>INFO's counting sections: stats, commandstats, errorstats, latencystats and keyspace.</summary>
internal static class StatsInfo
{
    public static string Stats(RedisServer server)
    {
        var statistics = server.Statistics;
        var store = server.Databases[0];
        var keyspace = store.KeyspaceStatistics;
        var commands = statistics.CommandsProcessed;
        // The connection and byte figures are the Redis listener's since CONFIG RESETSTAT, as a Redis server's are its own.
        var listener = statistics.Resp.SinceReset;
        return ServerInfo.Lines("Stats", ("total_connections_received", listener.ConnectionsAccepted),
            ("total_commands_processed", commands), ("instantaneous_ops_per_sec", server.OperationsRate.PerSecond(server.Now, commands)),
            ("total_net_input_bytes", listener.BytesRead), ("total_net_output_bytes", listener.BytesWritten),
            ("rejected_connections", listener.ConnectionsRejected), ("sync_full", 0), ("sync_partial_ok", 0), ("sync_partial_err", 0),
            ("expired_keys", keyspace.ExpiredKeys), ("expired_stale_perc", "0.00"), ("expired_time_cap_reached_count", 0), ("expire_cycle_cpu_milliseconds", 0),
            ("evicted_keys", store.EvictedKeys), ("evicted_clients", 0), ("total_eviction_exceeded_time", 0), ("current_eviction_exceeded_time", 0),
            ("keyspace_hits", keyspace.Hits), ("keyspace_misses", keyspace.Misses),
            ("pubsub_channels", server.Broker.Channels(null).Count), ("pubsub_patterns", server.Broker.PatternCount), ("pubsubshard_channels", 0),
            ("latest_fork_usec", 0), ("total_forks", 0), ("migrate_cached_sockets", 0), ("slave_expires_tracked_keys", 0),
            ("active_defrag_hits", 0), ("active_defrag_misses", 0), ("active_defrag_key_hits", 0), ("active_defrag_key_misses", 0),
            ("total_active_defrag_time", 0), ("current_active_defrag_time", 0),
            ("tracking_total_keys", 0), ("tracking_total_items", 0), ("tracking_total_prefixes", 0),
            ("unexpected_error_replies", 0), ("total_error_replies", server.Recorder.Errors.Total), ("dump_payload_sanitizations", 0));
    }

    // genRedisInfoStringCommandStats: commands and subcommands with a call, a failure or a refusal.
    public static string CommandStats(RedisServer server)
    {
        var text = new StringBuilder("# Commandstats\r\n");
        var statistics = server.CommandStatistics;
        foreach (var command in server.Commands.All)
        {
            var calls = statistics.CallsOf(command);
            var failed = statistics.FailedCalls(command);
            var rejected = statistics.RejectedCalls(command);
            if (calls == 0 && failed == 0 && rejected == 0)
            {
                continue;
            }

            var usec = statistics.Microseconds(command);
            var perCall = calls == 0 ? 0 : (double)usec / calls;
            text.Append(CultureInfo.InvariantCulture,
                $"cmdstat_{ServerInfo.Safe(command.FullName)}:calls={calls},usec={usec},usec_per_call={perCall:F2},rejected_calls={rejected},failed_calls={failed}\r\n");
        }

        return text.ToString();
    }

    public static string ErrorStats(RedisServer server)
    {
        var text = new StringBuilder("# Errorstats\r\n");
        foreach (var (prefix, count) in server.Recorder.Errors.ByPrefix())
        {
            text.Append(CultureInfo.InvariantCulture, $"errorstat_{ServerInfo.Safe(prefix)}:count={count}\r\n");
        }

        return text.ToString();
    }

    // fillPercentileDistributionLatencies: latency_percentiles_usec_get:p50=1.003,p99=4.015,p99.9=10.047
    public static string LatencyStats(RedisServer server)
    {
        var text = new StringBuilder("# Latencystats\r\n");
        var statistics = server.CommandStatistics;
        if (!statistics.LatencyTracking)
        {
            return text.ToString();
        }

        var percentiles = server.Config.LatencyPercentiles;
        foreach (var command in server.Commands.All)
        {
            if (statistics.Histogram(command) is not { } histogram)
            {
                continue;
            }

            text.Append("latency_percentiles_usec_").Append(ServerInfo.Safe(command.FullName)).Append(':');
            for (var i = 0; i < percentiles.Count; i++)
            {
                var microseconds = histogram.ValueAt(percentiles[i]) / 1000.0;
                text.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"p{FormatPercentile(percentiles[i])}={microseconds:F3}");
            }

            text.Append("\r\n");
        }

        return text.ToString();
    }

    public static string Keyspace(RedisServer server)
    {
        var text = new StringBuilder("# Keyspace\r\n");
        for (var index = 0; index < server.Databases.Count; index++)
        {
            var (keys, expires, averageTtl) = KeyspaceFigures.Of(server.Databases[index]);
            if (keys > 0 || expires > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"db{index}:keys={keys},expires={expires},avg_ttl={averageTtl}\r\n");
            }
        }

        return text.ToString();
    }

    /// <summary>"%f" then trimDoubleString: 50, 99, 99.9.</summary>
    internal static string FormatPercentile(double percentile) => percentile.ToString("0.######", CultureInfo.InvariantCulture);
}
