using System.Globalization;
using System.Text;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// CONFIG GET, SET and RESETSTAT for the settings this server has. Those a running server cannot change
/// are reported as Redis reports its immutable settings; a few Redis settings clients commonly read
/// (save, appendonly) are answered with what is true here.
/// </summary>
internal static class ConfigCommands
{
    private static readonly string[] s_names =
    [
        "databases", "requirepass", "notify-keyspace-events", "port", "bind", "maxclients", "proto-max-bulk-len", "client-query-buffer-limit",
        "save", "appendonly", "timeout", "maxmemory", "maxmemory-policy", "replica-read-only", "slave-read-only", "cluster-enabled",
    ];

    public static RedisReply Get(RedisSession session, byte[][] args)
    {
        var pairs = new List<KeyValuePair<RedisReply, RedisReply>>();
        var seen = new HashSet<string>();
        foreach (var pattern in args.Skip(2))
        {
            foreach (var name in s_names.Where(name => Glob.IsMatch(ToLower(pattern), Encoding.ASCII.GetBytes(name))))
            {
                if (seen.Add(name))
                {
                    pairs.Add(new(RedisReply.Of(name), RedisReply.Of(Value(session.Server, name))));
                }
            }
        }

        return new RedisReply.Map(pairs);
    }

    // CONFIG SET name value [name value ...]: all or nothing, as in Redis 7.
    public static RedisReply Set(RedisSession session, byte[][] args)
    {
        if (args.Length % 2 != 0)
        {
            return RedisArgs.WrongArguments("config|set");
        }

        var changes = new List<Action>();
        for (var i = 2; i < args.Length; i += 2)
        {
            var name = RedisArgs.Lower(args[i]);
            var value = Encoding.UTF8.GetString(args[i + 1]);
            if (!s_names.Contains(name))
            {
                return RedisArgs.Error(RespErrors.ConfigSetUnknown, name);
            }

            switch (name)
            {
                case "requirepass":
                    changes.Add(() => session.Server.Config.RequirePass = value);
                    break;
                case "notify-keyspace-events" when KeyspaceEvents.TryParse(value, out var flags):
                    changes.Add(() => session.Server.Notifier.Flags = flags);
                    break;
                case "notify-keyspace-events":
                    return new RedisReply.Error(string.Format(RespErrors.ConfigSetInvalid, name, RespErrors.InvalidEventClass));
                case "proto-max-bulk-len" or "client-query-buffer-limit":
                    if (!TryMemory(name, value, out var bytes, out var invalid))
                    {
                        return invalid;
                    }

                    changes.Add(() => SetLimit(session.Server.Config, name, bytes));
                    break;
                case "save" or "appendonly" or "timeout" or "maxmemory-policy" or "replica-read-only" or "slave-read-only":
                    // Accepted and ignored: this server has no persistence, idle timeout or replicas.
                    break;
                default:
                    return RedisArgs.Error(RespErrors.ConfigSetImmutable, name);
            }
        }

        changes.ForEach(change => change());
        return RedisReply.Ok;
    }

    public static RedisReply ResetStat(RedisSession session, byte[][] args)
    {
        foreach (var command in session.Server.Commands.All)
        {
            command.ResetStatistics();
        }

        return RedisReply.Ok;
    }

    private static string Value(RedisServer server, string name)
    {
        var settings = server.Config.Settings;
        return name switch
        {
            "databases" => server.Databases.Count.ToString(CultureInfo.InvariantCulture),
            "requirepass" => server.Config.RequirePass ?? "",
            "notify-keyspace-events" => KeyspaceEvents.Format(server.Notifier.Flags),
            "port" => settings.Port.ToString(CultureInfo.InvariantCulture),
            "bind" => settings.Bind,
            "maxclients" => settings.MaxClients.ToString(CultureInfo.InvariantCulture),
            "proto-max-bulk-len" => server.Config.Limits.MaxBulkLength.ToString(CultureInfo.InvariantCulture),
            "client-query-buffer-limit" => server.Config.Limits.QueryBufferLimit.ToString(CultureInfo.InvariantCulture),
            "appendonly" or "cluster-enabled" => "no",
            "timeout" or "maxmemory" => "0",
            "maxmemory-policy" => "noeviction",
            "replica-read-only" or "slave-read-only" => "yes",
            _ => "",
        };
    }

    // Redis accepts both sizes from 1 MB up (createSizeTConfig's bounds in config.c); a size too big for a long
    // (or with no digits) is out of range there, not malformed.
    private static bool TryMemory(string name, string value, out long bytes, out RedisReply invalid)
    {
        const long Minimum = 1024 * 1024;
        invalid = RedisReply.Ok;
        if (MemorySize.TryParse(value, out bytes) && bytes >= Minimum)
        {
            return true;
        }

        var reason = MemorySize.LooksLikeSize(value) ? string.Format(RespErrors.MemoryValueRange, Minimum) : RespErrors.NotMemoryValue;
        invalid = new RedisReply.Error(string.Format(RespErrors.ConfigSetInvalid, name, reason));
        return false;
    }

    private static void SetLimit(RedisConfig config, string name, long bytes) =>
        config.Limits = name == "proto-max-bulk-len" ? config.Limits with { MaxBulkLength = bytes } : config.Limits with { QueryBufferLimit = bytes };

    private static byte[] ToLower(byte[] pattern) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(pattern).ToLowerInvariant());
}
