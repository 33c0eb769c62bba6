using System.Globalization;
using System.Text;
using ReactiveCache.Networking;
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
        "protected-mode", "save", "appendonly", "timeout", "maxmemory", "client-output-buffer-limit", "maxmemory-clients", "maxmemory-policy",
        "replica-read-only", "slave-read-only", "cluster-enabled", "maxmemory-samples", "lfu-log-factor", "lfu-decay-time",
    ];

    // What this server cannot change while running (some of them Redis can: port, bind), besides every setting of the
    // server's table not marked live.
    private static readonly string[] s_immutable = ["databases", "port", "bind", "cluster-enabled"];

    private static readonly string[] s_redisNames = [.. s_names, .. LazyfreeConfig.Names, .. EncodingTunable.All.SelectMany(tunable => tunable.Names), .. Introspection.IntrospectionConfig.Names];

    // configGetCommand in config.c: a name without glob characters is looked up as it is and answered with the
    // name as sent (in its case); a pattern matches every name and alias, in any case. Each name answers once.
    public static RedisReply Get(RedisSession session, byte[][] args)
    {
        var pairs = new List<KeyValuePair<RedisReply, RedisReply>>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var argument in args.Skip(2))
        {
            var sent = Encoding.UTF8.GetString(argument);
            var pattern = ToLower(argument);
            var names = sent.AsSpan().IndexOfAny("[*?") < 0
                ? Known(session, sent) is null ? [] : [sent]
                : AllNames(session).Where(name => Glob.IsMatch(pattern, Encoding.ASCII.GetBytes(name)));
            foreach (var name in names.Where(seen.Add))
            {
                pairs.Add(new(RedisReply.Of(name), RedisReply.Of(Value(session.Server, name.ToLowerInvariant()))));
            }
        }

        return new RedisReply.Map(pairs);
    }

    // CONFIG SET name value [name value ...]: all or nothing, as in Redis 7. As in configSetCommand, every name is
    // checked (unknown, immutable, given twice) before any value; the first fault in order is the answer.
    public static RedisReply Set(RedisSession session, byte[][] args)
    {
        if (args.Length % 2 != 0)
        {
            return RedisReply.Syntax;
        }

        var names = new List<string>();
        for (var i = 2; i < args.Length; i += 2)
        {
            var sent = Encoding.UTF8.GetString(args[i]);
            if (Known(session, sent) is not { } name)
            {
                return RedisArgs.Error(RespErrors.ConfigSetUnknown, sent);
            }

            if (s_immutable.Contains(name) || session.Server.Config.Settings.Table.Any(setting => setting.Name == name && !setting.Live))
            {
                return RedisArgs.Error(RespErrors.ConfigSetImmutable, name);
            }

            if (names.Contains(name))
            {
                return Invalid(name, RespErrors.ConfigDuplicate);
            }

            names.Add(name);
        }

        var changes = new List<Action>();
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var value = Encoding.UTF8.GetString(args[3 + 2 * i]);
            if (EncodingTunable.Find(name) is { } tunable)
            {
                if (!tunable.TryParse(value, out var number, out var reason))
                {
                    return Invalid(name, reason);
                }

                changes.Add(() => session.Server.EncodingLimits[tunable] = number);
                continue;
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
                case "timeout" or "maxclients" or "maxmemory-clients" or "client-output-buffer-limit":
                    if (!TryChangeLimit(session.Server.Config.Settings.Limits, name, value, out var change, out var invalidLimit))
                    {
                        return new RedisReply.Error(string.Format(RespErrors.ConfigSetInvalid, name, invalidLimit));
                    }

                    changes.Add(change);
                    break;
                case "proto-max-bulk-len" or "client-query-buffer-limit":
                    if (!TryMemory(name, value, out var bytes, out var invalid))
                    {
                        return invalid;
                    }

                    changes.Add(() => SetLimit(session.Server.Config, name, bytes));
                    break;
                case "max-multibulk-length":
                    // Ours (Redis has no such bound): every connection's framer reads it before the next request.
                    if (!TryReadInteger(value, 1, out var arguments, out var countError))
                    {
                        return Invalid(name, countError);
                    }

                    changes.Add(() => session.Server.Config.RequestLimits = session.Server.Config.RequestLimits with { MaxMultibulkLength = arguments });
                    break;
                case "maxmemory" or "maxmemory-policy" or "maxmemory-samples" or "lfu-log-factor" or "lfu-decay-time":
                    if (!MemoryConfig.TryChange(session.Server.Databases[0], name, value, out var memoryChange, out var memoryError))
                    {
                        return Invalid(name, memoryError);
                    }

                    changes.Add(memoryChange);
                    break;
                case not null when Introspection.IntrospectionConfig.Knows(name):
                    if (!Introspection.IntrospectionConfig.TryChange(session.Server, name, value, out var introspectionChange, out var introspectionError))
                    {
                        return Invalid(name, introspectionError);
                    }

                    changes.Add(introspectionChange);
                    break;
                case not null when LazyfreeConfig.Knows(name):
                    if (!TryYesNo(value, out var lazy))
                    {
                        return Invalid(name, RespErrors.YesOrNo);
                    }

                    changes.Add(() => session.Server.Config.Lazyfree.Set(name, lazy));
                    break;
                case "save" or "appendonly" or "replica-read-only" or "slave-read-only":
                    // Accepted and ignored: this server has no persistence or replicas.
                    break;
            }
        }

        changes.ForEach(change => change());
        return RedisReply.Ok;
    }

    // CONFIG REWRITE: the file the server was started with gets every table setting's value in force (the hosting
    // layer writes it in the file's own syntax and names, keeping its comments and unknown lines, as Redis does).
    public static RedisReply Rewrite(RedisSession session, byte[][] args)
    {
        var settings = session.Server.Config.Settings;
        if (settings.Rewrite is not { } rewrite)
        {
            return new RedisReply.Error(RespErrors.ConfigNoFile);
        }

        var current = settings.Table.ToDictionary(
            setting => setting.Name,
            setting => setting.Live ? Value(session.Server, setting.Name) : setting.StartValue);
        try
        {
            rewrite(current);
            return RedisReply.Ok;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return new RedisReply.Error(string.Format(CultureInfo.InvariantCulture, RespErrors.ConfigRewriteFailed, error.Message));
        }
    }

    public static RedisReply ResetStat(RedisSession session, byte[][] args)
    {
        session.Server.Recorder.Reset();
        session.Server.Statistics.ResetTotals();
        session.Server.Databases[0].ResetStatistics();
        return RedisReply.Ok;
    }

    // Redis's names first (as CONFIG GET * has always listed them), then the table's settings Redis does not have.
    private static IEnumerable<string> AllNames(RedisSession session) =>
        s_redisNames.Concat(session.Server.Config.Settings.Table.Select(setting => setting.Name).Except(s_redisNames));

    // A name or alias this server knows, in lower case; null when it knows none.
    private static string? Known(RedisSession session, string sent)
    {
        var name = sent.ToLowerInvariant();
        return s_namesBySettings.GetValue(session.Server.Config.Settings, settings => [.. s_redisNames, .. settings.Table.Select(setting => setting.Name)])
            .Contains(name) ? name : null;
    }

    // Each server's names, built once: a CONFIG GET or SET of a million names must not list them all a million times.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RedisSettings, HashSet<string>> s_namesBySettings = new();

    private static RedisReply Invalid(string name, string reason) =>
        new RedisReply.Error(string.Format(CultureInfo.InvariantCulture, RespErrors.ConfigSetInvalid, name, reason));

    private static string Value(RedisServer server, string name)
    {
        var settings = server.Config.Settings;
        if (EncodingTunable.Find(name) is { } tunable)
        {
            return tunable.Format(server.EncodingLimits[tunable]);
        }

        return name switch
        {
            "databases" => server.Databases.Count.ToString(CultureInfo.InvariantCulture),
            "requirepass" => server.Config.RequirePass ?? "",
            "notify-keyspace-events" => KeyspaceEvents.Format(server.Notifier.Flags),
            "protected-mode" => server.Config.ProtectedMode ? "yes" : "no",
            "port" => server.Config.Port.ToString(CultureInfo.InvariantCulture),
            "bind" => settings.Bind,
            "maxclients" => settings.Limits.MaxClients.ToString(CultureInfo.InvariantCulture),
            "timeout" => ((long)settings.Limits.Timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "maxmemory-clients" => MemorySize.Format(settings.Limits.MaxMemoryClients),
            "client-output-buffer-limit" => settings.Limits.OutputBuffers.ToString(),
            "proto-max-bulk-len" => server.Config.RequestLimits.MaxBulkLength.ToString(CultureInfo.InvariantCulture),
            "client-query-buffer-limit" => server.Config.RequestLimits.QueryBufferLimit.ToString(CultureInfo.InvariantCulture),
            "max-multibulk-length" => server.Config.RequestLimits.MaxMultibulkLength.ToString(CultureInfo.InvariantCulture),
            "appendonly" or "cluster-enabled" => "no",
            "maxmemory" or "maxmemory-policy" or "maxmemory-samples" or "lfu-log-factor" or "lfu-decay-time" => MemoryConfig.Value(server.Databases[0], name),
            "replica-read-only" or "slave-read-only" => "yes",
            _ when LazyfreeConfig.Knows(name) => server.Config.Lazyfree.Value(name),
            _ when Introspection.IntrospectionConfig.Knows(name) => Introspection.IntrospectionConfig.Value(server, name),
            _ => settings.Table.FirstOrDefault(setting => setting.Name == name)?.StartValue ?? "",
        };
    }

    // The client limits a running server changes at once (the connections' next check reads them).
    private static bool TryChangeLimit(ClientLimits limits, string name, string value, out Action change, out string error)
    {
        change = () => { };
        error = "";
        switch (name)
        {
            case "timeout" when TryReadInteger(value, 0, out var seconds, out error):
                change = () => limits.Timeout = TimeSpan.FromSeconds(seconds);
                return true;
            case "maxclients" when TryReadInteger(value, 1, out var count, out error):
                change = () => limits.MaxClients = count;
                return true;
            case "maxmemory-clients" when MemorySize.TryParse(value, out var bytes):
                change = () => limits.MaxMemoryClients = bytes;
                return true;
            case "maxmemory-clients":
                error = RespErrors.ConfigNotMemory;
                return false;
            case "client-output-buffer-limit" when limits.OutputBuffers.TryApply(value, out var buffers, out error):
                change = () => limits.OutputBuffers = buffers;
                return true;
            default:
                return false;
        }
    }

    internal static bool TryReadInteger(string value, int minimum, out int number, out string error)
    {
        error = "";
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var wide))
        {
            number = 0;
            error = RespErrors.ConfigNotInteger;
            return false;
        }

        if (wide < minimum || wide > int.MaxValue)
        {
            number = 0;
            error = string.Format(CultureInfo.InvariantCulture, RespErrors.ConfigOutOfRange, minimum, int.MaxValue);
            return false;
        }

        number = (int)wide;
        return true;
    }

    private static bool TryYesNo(string value, out bool yes)
    {
        yes = value.Equals("yes", StringComparison.OrdinalIgnoreCase);
        return yes || value.Equals("no", StringComparison.OrdinalIgnoreCase);
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
        config.RequestLimits = name == "proto-max-bulk-len"
            ? config.RequestLimits with { MaxBulkLength = bytes }
            : config.RequestLimits with { QueryBufferLimit = bytes };

    private static byte[] ToLower(byte[] pattern) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(pattern).ToLowerInvariant());
}
