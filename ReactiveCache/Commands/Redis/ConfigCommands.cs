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
        "databases", "requirepass", "notify-keyspace-events", "port", "bind", "maxclients", "proto-max-bulk-len", "protected-mode",
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
                case "protected-mode" when TryYesNo(value, out var protect):
                    changes.Add(() => session.Server.Config.ProtectedMode = protect);
                    break;
                case "protected-mode":
                    return new RedisReply.Error(string.Format(RespErrors.ConfigSetInvalid, name, RespErrors.YesOrNo));
                case "notify-keyspace-events" when KeyspaceEvents.TryParse(value, out var flags):
                    changes.Add(() => session.Server.Notifier.Flags = flags);
                    break;
                case "notify-keyspace-events":
                    return new RedisReply.Error(string.Format(RespErrors.ConfigSetInvalid, name, RespErrors.InvalidEventClass));
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
            "protected-mode" => server.Config.ProtectedMode ? "yes" : "no",
            "port" => settings.Port.ToString(CultureInfo.InvariantCulture),
            "bind" => settings.Bind,
            "maxclients" => settings.MaxClients.ToString(CultureInfo.InvariantCulture),
            "proto-max-bulk-len" => settings.MaxBulkLength.ToString(CultureInfo.InvariantCulture),
            "appendonly" or "cluster-enabled" => "no",
            "timeout" or "maxmemory" => "0",
            "maxmemory-policy" => "noeviction",
            "replica-read-only" or "slave-read-only" => "yes",
            _ => "",
        };
    }

    private static bool TryYesNo(string value, out bool yes)
    {
        yes = value.Equals("yes", StringComparison.OrdinalIgnoreCase);
        return yes || value.Equals("no", StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] ToLower(byte[] pattern) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(pattern).ToLowerInvariant());
}
