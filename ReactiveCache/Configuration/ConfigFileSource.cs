using Microsoft.Extensions.Configuration;
using ReactiveCache.Hosting.Settings;

namespace ReactiveCache.Configuration;

/// <summary>
/// <c>--config FILE</c> as a configuration layer: redis.conf's syntax with this server's setting names
/// (<see cref="ConfigFile"/>), keyed by <see cref="ServerSetting.Key"/>. Every line is checked on load; the first bad
/// one throws <see cref="SettingsException"/> naming the file and line.
/// </summary>
internal sealed class ConfigFileSource(string path) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(path);

    private sealed class Provider(string path) : ConfigurationProvider
    {
        public override void Load()
        {
            if (!ConfigFile.TryRead(path, out var settings, out var error))
            {
                throw new SettingsException(error);
            }

            Data = settings.ToDictionary(pair => pair.Key, pair => (string?)pair.Value.Value, StringComparer.OrdinalIgnoreCase);
        }
    }
}
