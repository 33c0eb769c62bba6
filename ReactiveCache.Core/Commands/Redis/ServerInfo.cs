using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>INFO [section ...]: Redis's sections and field names, filled with this server's numbers.</summary>
internal static class ServerInfo
{
    /// <summary>The Redis version whose behaviour this server copies; clients pick features by it.</summary>
    public const string RedisVersion = "7.2.4";

    private static readonly string[] s_default = ["server", "clients", "memory", "persistence", "stats", "replication", "cpu", "keyspace"];

    public static RedisReply Info(RedisSession session, byte[][] args)
    {
        var wanted = args.Skip(1).Select(RedisArgs.Lower).ToHashSet();
        var everything = wanted.Contains("all") || wanted.Contains("everything");
        var sections = wanted.Count == 0 || wanted.Contains("default") ? s_default
            : everything ? [.. s_default, "commandstats"]
            : wanted.ToArray();
        var text = new StringBuilder();
        foreach (var section in sections)
        {
            if (Section(session.Server, section) is { } body)
            {
                text.Append(text.Length == 0 ? "" : "\r\n").Append(body);
            }
        }

        return new RedisReply.Verbatim(text.ToString());
    }

    private static string? Section(RedisServer server, string name) => name switch
    {
        "server" => Server(server),
        "clients" => Lines("Clients", ("connected_clients", server.Statistics.ConnectionsCurrent), ("blocked_clients", server.Clients.Values.Count(client => client.BlockedIn is not null)),
            ("maxclients", server.Config.Settings.Limits.MaxClients), ("pubsub_clients", server.Clients.Values.Count(client => client.SubscriptionCount > 0))),
        "memory" => MemoryInfo.Section(server),
        "persistence" => Lines("Persistence", ("loading", 0), ("rdb_changes_since_last_save", 0), ("aof_enabled", 0)),
        // The connection and byte figures are the Redis listener's since CONFIG RESETSTAT, as a Redis server's are its own.
        "stats" => Lines("Stats", ("total_connections_received", server.Statistics.Resp.SinceReset.ConnectionsAccepted),
            ("total_commands_processed", server.Statistics.CommandsProcessed),
            ("total_net_input_bytes", server.Statistics.Resp.SinceReset.BytesRead), ("total_net_output_bytes", server.Statistics.Resp.SinceReset.BytesWritten),
            ("rejected_connections", server.Statistics.Resp.SinceReset.ConnectionsRejected),
            ("pubsub_channels", server.Broker.Channels(null).Count), ("pubsub_patterns", server.Broker.PatternCount),
            ("evicted_keys", server.Databases[0].EvictedKeys), ("keyspace_hits", 0), ("keyspace_misses", 0)),
        "replication" => Lines("Replication", ("role", "master"), ("connected_slaves", 0), ("master_repl_offset", 0)),
        "cpu" => Cpu(),
        "keyspace" => Keyspace(server),
        "commandstats" => CommandStats(server),
        _ => null,
    };

    private static string Server(RedisServer server)
    {
        var version = Assembly.GetExecutingAssembly().GetName().Version?.ToString(3) ?? "0.0.0";
        var uptime = (long)(server.Databases[0].Scheduler.Now - server.StartedAt).TotalSeconds;
        return Lines("Server", ("redis_version", RedisVersion), ("reactivecache_version", version), ("redis_mode", "standalone"),
            ("os", System.Runtime.InteropServices.RuntimeInformation.OSDescription), ("arch_bits", IntPtr.Size * 8),
            ("process_id", Environment.ProcessId), ("tcp_port", server.Config.Settings.Port), ("uptime_in_seconds", uptime),
            ("uptime_in_days", uptime / 86400), ("executable", Environment.ProcessPath ?? ""));
    }

    private static string Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return Lines("CPU", ("used_cpu_sys", process.PrivilegedProcessorTime.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture)),
            ("used_cpu_user", process.UserProcessorTime.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture)));
    }

    private static string Keyspace(RedisServer server)
    {
        var text = new StringBuilder("# Keyspace\r\n");
        for (var index = 0; index < server.Databases.Count; index++)
        {
            var (keys, expires) = server.Databases[index].Write(0, static (writer, _) =>
                (writer.Count, writer.Entries.Count(pair => pair.Value.HasExpiry)));
            if (keys > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"db{index}:keys={keys},expires={expires},avg_ttl=0\r\n");
            }
        }

        return text.ToString();
    }

    private static string CommandStats(RedisServer server)
    {
        var text = new StringBuilder("# Commandstats\r\n");
        var statistics = server.CommandStatistics;
        foreach (var command in server.Commands.All.Where(command => statistics.Calls(command) > 0 || statistics.RejectedCalls(command) > 0))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"cmdstat_{command.FullName}:calls={statistics.Calls(command)},usec=0,usec_per_call=0.00,rejected_calls={statistics.RejectedCalls(command)},failed_calls={statistics.FailedCalls(command)}\r\n");
        }

        return text.ToString();
    }

    internal static string Lines(string title, params (string Name, object Value)[] fields)
    {
        var text = new StringBuilder("# ").Append(title).Append("\r\n");
        foreach (var (name, value) in fields)
        {
            text.Append(name).Append(':').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append("\r\n");
        }

        return text.ToString();
    }
}
