using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using ReactiveCache.Hosting;
using ReactiveCache.Hosting.Settings;

namespace ReactiveCache.Configuration;

/// <summary>
/// The console's settings in layers, lowest first: an imported redis.conf, the <c>--config</c> file, the REACTIVECACHE_*
/// environment variables, the command line; each setting takes the value of the highest layer that has it, else its
/// default from <see cref="ServerSettings"/>. Every layer's values are checked before any is used.
/// </summary>
internal static class ServerConfiguration
{
    /// <summary>
    /// The options the layers give. Throws <see cref="SettingsException"/> on a file that cannot be read, a bad file
    /// line (naming file:line) or a bad environment variable; an imported redis.conf's leftovers go to <paramref name="warnings"/>.
    /// </summary>
    public static CacheServerOptions Build(string? configFile, string? importRedis, IReadOnlyDictionary<string, string?> commandLine, List<string> warnings)
    {
        var builder = new ConfigurationBuilder();
        if (importRedis is not null)
        {
            builder.Add(new RedisConfImport(importRedis, warnings));
        }

        if (configFile is not null)
        {
            builder.Add(new ConfigFileSource(configFile));
        }

        var layers = builder
            .AddEnvironmentVariables(ServerSettings.EnvironmentPrefix)
            .AddInMemoryCollection(commandLine)
            .Build();
        CheckEnvironment(layers.Providers.OfType<EnvironmentVariablesConfigurationProvider>().Single());

        var options = new CacheServerOptions { ConfigFile = configFile is null ? null : Path.GetFullPath(configFile) };
        options = ServerSettings.All.Aggregate(options, (applied, setting) => setting.Apply(applied, layers[setting.Key] ?? setting.DefaultText));

        // A server with no TLS port has no TLS options at all (no certificate to read at start).
        return options.Tls is { Listens: false } ? options with { Tls = null } : options;
    }

    // An unknown REACTIVECACHE_ name is refused as an unknown file directive is: a typo must not go unnoticed.
    private static void CheckEnvironment(IConfigurationProvider environment)
    {
        foreach (var key in environment.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var variable = ServerSettings.EnvironmentPrefix + key.ToUpperInvariant();
            if (ServerSettings.Find(key) is not { } setting || key.Contains('-') || !environment.TryGet(key, out var value))
            {
                throw new SettingsException($"{variable}: not a setting (names are the options' without dashes, upper case, '-' as '_')");
            }

            if (!setting.TryCheck(value ?? "", out var reason))
            {
                throw new SettingsException($"{variable}: {reason}");
            }
        }
    }
}
