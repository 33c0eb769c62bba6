using Microsoft.Extensions.Configuration;
using ReactiveCache.Hosting.Settings;

namespace ReactiveCache.Configuration;

/// <summary>
/// <c>--config-import-redis FILE</c> as the lowest configuration layer: a real redis.conf, whose directives that
/// Redis and this server share are carried under this server's names (Redis's <c>port</c> is <c>resp-port</c>,
/// <c>maxclients</c> is <c>max-clients</c>), as Garnet's <c>--config-import-path</c> does. Every other directive,
/// and a shared one whose value this server cannot take, is left out with one warning naming its line; only a file
/// that cannot be read or split fails.
/// </summary>
internal sealed class RedisConfImport(string path, List<string> warnings) : IConfigurationSource
{
    // Redis's directive, the setting it becomes here, and how its words become that setting's value.
    private static readonly (string Redis, string Ours, Func<IReadOnlyList<string>, string> Value)[] s_shared =
    [
        ("port", "resp-port", Joined), ("bind", "bind", FirstAddress), ("maxclients", "max-clients", Joined),
        ("timeout", "timeout", Joined), ("maxmemory", "maxmemory", Joined), ("maxmemory-policy", "maxmemory-policy", Joined),
        ("maxmemory-samples", "maxmemory-samples", Joined), ("maxmemory-clients", "maxmemory-clients", Joined),
        ("databases", "databases", Joined), ("requirepass", "requirepass", Joined), ("protected-mode", "protected-mode", Joined),
        ("notify-keyspace-events", "notify-keyspace-events", Joined), ("client-output-buffer-limit", "client-output-buffer-limit", Joined),
        ("proto-max-bulk-len", "proto-max-bulk-len", Joined), ("client-query-buffer-limit", "client-query-buffer-limit", Joined),
        ("lfu-log-factor", "lfu-log-factor", Joined), ("lfu-decay-time", "lfu-decay-time", Joined), ("io-threads", "io-threads", Joined),
        // Not logfile: a redis.conf's names Redis's own log (Debian's /var/log/redis/redis-server.log), which this server
        // should not write into; it is warned about with the rest, and --logfile says where our log goes.
        ("loglevel", "log-level", LogLevelOf),
        ("tls-port", "tls-port", Joined), ("tls-cert-file", "tls-cert-file", Joined), ("tls-key-file", "tls-key-file", Joined),
        ("tls-ca-cert-file", "tls-ca-cert-file", Joined), ("tls-auth-clients", "tls-auth-clients", Joined),
    ];

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(path, warnings);

    private static string Joined(IReadOnlyList<string> words) => string.Join(' ', words);

    // Redis 7 binds every address given, a leading '-' marking one that may be missing; one address is carried here.
    private static string FirstAddress(IReadOnlyList<string> words) =>
        words.Count == 0 ? "" : words[0].TrimStart('-') is "*" ? "0.0.0.0" : words[0].TrimStart('-');

    // Redis's levels, from the most said to the least.
    private static string LogLevelOf(IReadOnlyList<string> words) => Joined(words).ToLowerInvariant() switch
    {
        "debug" => "Trace",
        "verbose" => "Debug",
        "notice" => "Information",
        "warning" => "Warning",
        "nothing" => "None",
        var other => other,
    };

    private sealed class Provider(string path, List<string> warnings) : ConfigurationProvider
    {
        public override void Load()
        {
            if (!ConfigFile.TryReadDirectives(path, out var directives, out var error))
            {
                throw new SettingsException(error);
            }

            var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var directive in directives)
            {
                if (Carry(directive) is { } setting)
                {
                    var value = s_shared.First(shared => shared.Redis == directive.Name).Value(directive.Arguments);
                    data[setting.Key] = setting.Repeatable && data.TryGetValue(setting.Key, out var earlier) ? earlier + " " + value : value;
                }
            }

            Data = data;
        }

        // The setting a directive carries to, or null after warning why it does not.
        private ServerSetting? Carry(ConfigDirective directive)
        {
            var where = $"{path}:{directive.Line}";
            var shared = s_shared.FirstOrDefault(pair => pair.Redis == directive.Name);
            if (shared.Redis is null)
            {
                warnings.Add($"{where}: '{directive.Name}' is not a ReactiveCache setting; ignored");
                return null;
            }

            if (ServerSettings.Find(shared.Ours) is not { } setting)
            {
                warnings.Add($"{where}: '{directive.Name}' is not carried by this version of ReactiveCache; ignored");
                return null;
            }

            if (directive.Name == "bind" && directive.Arguments.Count > 1)
            {
                warnings.Add($"{where}: bind: only the first address, {FirstAddress(directive.Arguments)}, is carried");
            }

            if (!setting.TryCheck(shared.Value(directive.Arguments), out var reason))
            {
                warnings.Add($"{where}: {directive.Name}: {reason}; ignored");
                return null;
            }

            return setting;
        }
    }
}
