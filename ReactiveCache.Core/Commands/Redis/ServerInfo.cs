using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using ReactiveCache.Commands.Redis.Introspection;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// INFO [section ...]: Redis's sections and field names (genRedisInfoString in server.c, 7.0), filled with this
/// server's numbers. Sections come out in Redis's order whatever order they are asked in; <c>default</c> is the usual
/// set, <c>all</c> adds commandstats and latencystats, <c>everything</c> adds the (empty) modules too.
/// </summary>
internal static class ServerInfo
{
    /// <summary>The Redis version whose behaviour this server copies; clients pick features by it.</summary>
    public const string RedisVersion = "7.2.4";

    private static readonly string[] s_default =
        ["server", "clients", "memory", "persistence", "stats", "replication", "cpu", "module_list", "errorstats", "cluster", "keyspace"];

    // Every section in output order; those not in the default set come with "all" (modules with "everything" only).
    private static readonly string[] s_order =
        ["server", "clients", "memory", "persistence", "stats", "replication", "cpu", "module_list", "commandstats", "errorstats", "latencystats", "cluster", "keyspace"];

    public static RedisReply Info(RedisSession session, byte[][] args)
    {
        var wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var all = false;
        foreach (var name in args.Skip(1).Select(RedisArgs.Lower))
        {
            switch (name)
            {
                case "default":
                    wanted.UnionWith(s_default);
                    break;
                case "all" or "everything":
                    all = true;
                    break;
                case "modules":
                    wanted.Add("module_list");
                    break;
                default:
                    wanted.Add(name);
                    break;
            }
        }

        if (args.Length == 1)
        {
            wanted.UnionWith(s_default);
        }

        var text = new StringBuilder();
        foreach (var section in s_order.Where(section => all || wanted.Contains(section)))
        {
            text.Append(text.Length == 0 ? "" : "\r\n").Append(Section(session.Server, section));
        }

        return new RedisReply.Verbatim(text.ToString());
    }

    private static string Section(RedisServer server, string name) => name switch
    {
        "server" => Server(server),
        "clients" => Clients(server),
        "memory" => MemoryInfo.Section(server),
        "persistence" => Lines("Persistence", ("loading", 0), ("async_loading", 0), ("rdb_changes_since_last_save", 0), ("rdb_bgsave_in_progress", 0),
            ("rdb_last_save_time", server.StartedAt.ToUnixTimeSeconds()), ("rdb_last_bgsave_status", "ok"), ("aof_enabled", 0), ("aof_rewrite_in_progress", 0),
            ("aof_last_bgrewrite_status", "ok"), ("aof_last_write_status", "ok")),
        "stats" => StatsInfo.Stats(server),
        "replication" => Lines("Replication", ("role", "master"), ("connected_slaves", 0), ("master_failover_state", "no-failover"),
            ("master_replid", server.RunId), ("master_replid2", new string('0', 40)), ("master_repl_offset", 0), ("second_repl_offset", -1),
            ("repl_backlog_active", 0), ("repl_backlog_size", 1048576), ("repl_backlog_first_byte_offset", 0), ("repl_backlog_histlen", 0)),
        "cpu" => Cpu(),
        "module_list" => "# Modules\r\n",
        "commandstats" => StatsInfo.CommandStats(server),
        "errorstats" => StatsInfo.ErrorStats(server),
        "latencystats" => StatsInfo.LatencyStats(server),
        "cluster" => Lines("Cluster", ("cluster_enabled", 0)),
        "keyspace" => StatsInfo.Keyspace(server),
        _ => "",
    };

    private static string Server(RedisServer server)
    {
        var version = Assembly.GetExecutingAssembly().GetName().Version?.ToString(3) ?? "0.0.0";
        var now = server.Databases[0].Scheduler.Now;
        var uptime = (long)(now - server.StartedAt).TotalSeconds;
        return Lines("Server", ("redis_version", RedisVersion), ("reactivecache_version", version), ("redis_git_sha1", "00000000"), ("redis_git_dirty", 0),
            ("redis_build_id", "0"), ("redis_mode", "standalone"), ("os", RuntimeInformation.OSDescription), ("arch_bits", IntPtr.Size * 8),
            ("monotonic_clock", "Stopwatch"), ("multiplexing_api", "System.Net.Sockets"), ("atomicvar_api", "Interlocked"), ("gcc_version", "0.0.0"),
            ("process_id", Environment.ProcessId), ("process_supervised", "no"), ("run_id", server.RunId), ("tcp_port", server.Config.Port),
            ("server_time_usec", now.ToUnixTimeMilliseconds() * 1000 + now.Ticks / 10 % 1000), ("uptime_in_seconds", uptime), ("uptime_in_days", uptime / 86400),
            ("hz", 10), ("configured_hz", 10), ("lru_clock", now.ToUnixTimeSeconds() & ((1 << 24) - 1)), ("executable", Environment.ProcessPath ?? ""),
            ("config_file", ""), ("io_threads_active", 0));
    }

    private static string Clients(RedisServer server)
    {
        var clients = server.Clients.Values;
        return Lines("Clients", ("connected_clients", server.Statistics.ConnectionsCurrent), ("cluster_connections", 0),
            ("maxclients", server.Config.Settings.Limits.MaxClients), ("client_recent_max_input_buffer", 0), ("client_recent_max_output_buffer", 0),
            ("blocked_clients", clients.Count(client => client.BlockedIn is not null)), ("tracking_clients", 0),
            ("clients_in_timeout_table", clients.Count(client => client.BlockedIn is not null)),
            ("pubsub_clients", clients.Count(client => client.SubscriptionCount > 0)));
    }

    private static string Cpu()
    {
        using var process = Process.GetCurrentProcess();
        var children = 0.0.ToString("F6", CultureInfo.InvariantCulture);
        return Lines("CPU", ("used_cpu_sys", process.PrivilegedProcessorTime.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture)),
            ("used_cpu_user", process.UserProcessorTime.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture)),
            ("used_cpu_sys_children", children), ("used_cpu_user_children", children));
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

    /// <summary>getSafeInfoString: a name that could break INFO's lines has <c># : \r \n</c> replaced by <c>_</c>.</summary>
    internal static string Safe(string name) => name.AsSpan().IndexOfAny("#:\r\n") < 0 ? name
        : name.Replace('#', '_').Replace(':', '_').Replace('\r', '_').Replace('\n', '_');
}
