using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.Logging;
using ReactiveCache.Configuration;
using ReactiveCache.Hosting.Settings;

namespace ReactiveCache.Hosting;

/// <summary>
/// The console server's options, parsed with System.CommandLine. Each setting's option comes from its row in
/// <see cref="ServerSettings"/> (so names, defaults and checks are declared once, for the command line, the config
/// file, the environment and CONFIG); the command line's values are the top layer of <see cref="ServerConfiguration"/>.
/// </summary>
internal sealed class ServerCommandLine
{
    private readonly List<(ServerSetting Setting, Option Option)> _settings;
    private readonly Option<string?> _config = new("--config")
    {
        Description = "Config file in redis.conf's syntax: one directive per line, named as these options without the dashes (port 7379, resp-port 6380)",
    };
    private readonly Option<string?> _importRedis = new("--config-import-redis")
    {
        Description = "A Redis redis.conf to take the settings Redis and ReactiveCache share from (its port is --resp-port); the rest are warned about",
    };
    private readonly Option<bool> _version = new("--version") { Description = "Print the version and exit" };
    private readonly RootCommand _root;

    public ServerCommandLine()
    {
        _settings = [.. ServerSettings.All.Select(setting => (setting, ToOption(setting)))];
        _root = new RootCommand("ReactiveCache: a reactive key-value cache server on Rx.NET.");
        _settings.ForEach(pair => _root.Options.Add(pair.Option));
        _root.Options.Add(_config);
        _root.Options.Add(_importRedis);

        // System.CommandLine's own --version refuses to run beside any other option ("--version --port 1" is an
        // error); this one prints the version whatever else is given, as redis-server --version does.
        _root.Options.Remove(_root.Options.OfType<VersionOption>().Single());
        _root.Options.Add(_version);
    }

    /// <summary>
    /// <c>--io-threads</c>, once parsed: how many socket engine threads the process runs. A setting of the process,
    /// not of a server (the runtime reads it once, before the first socket), so the console applies it itself.
    /// </summary>
    public int IoThreads { get; private set; } = 1;

    /// <summary>What reading the settings had to say that is not an error (an imported redis.conf's directives left out).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary><c>--metrics-port</c>, once parsed: the Prometheus endpoint's port, or null when it is off.</summary>
    public int? MetricsPort { get; private set; }

    /// <summary><c>--metrics-bind</c>, once parsed: where the Prometheus endpoint listens (the server's address unless given).</summary>
    public IPAddress MetricsBind { get; private set; } = IPAddress.Loopback;

    /// <summary><c>--metrics-durations</c>, once parsed: whether the metrics port exports command durations.</summary>
    public bool MetricsDurations { get; private set; }

    /// <summary><c>--log-format</c>, once parsed: <c>text</c> or <c>json</c>.</summary>
    public string LogFormat { get; private set; } = "text";

    /// <summary><c>--logfile</c>, once parsed: the file the log is appended to, or "" for standard output.</summary>
    public string LogFile { get; private set; } = "";

    /// <summary>
    /// The parsed settings, or the exit code to stop with (0 after --help or --version, 2 on a usage error, whose
    /// messages and the usage go to <paramref name="errors"/>, standard error unless given).
    /// </summary>
    public bool TryParse(string[] args, out CacheServerOptions options, out LogLevel logLevel, out int exitCode, TextWriter? errors = null)
    {
        errors ??= Console.Error;
        var parsed = _root.Parse(args);
        options = new CacheServerOptions();
        logLevel = LogLevel.Information;
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                errors.WriteLine($"error: {error.Message}");
            }

            parsed.Invoke(new InvocationConfiguration { Output = errors });
            exitCode = 2;
            return false;
        }

        if (parsed.GetValue(_version))
        {
            Console.WriteLine(typeof(ServerCommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
            exitCode = 0;
            return false;
        }

        // The root command has no action of its own: any action left is --help, which prints and stops.
        if (parsed.Action is not null)
        {
            parsed.Invoke();
            exitCode = 0;
            return false;
        }

        try
        {
            options = ServerConfiguration.Build(parsed.GetValue(_config), parsed.GetValue(_importRedis), Given(parsed), Warnings);
        }
        catch (SettingsException error)
        {
            errors.WriteLine($"error: {error.Message}");
            exitCode = 2;
            return false;
        }

        logLevel = ServerSettings.HostValue<LogLevel>(options, "log-level");
        IoThreads = ServerSettings.HostValue<int>(options, "io-threads");
        MetricsPort = ServerSettings.HostValue<int>(options, "metrics-port") is var metricsPort and > 0 ? metricsPort : null;
        MetricsBind = ServerSettings.HostValue<string>(options, "metrics-bind") is { Length: > 0 } metricsBind ? IPAddress.Parse(metricsBind) : options.BindAddress;
        MetricsDurations = ServerSettings.HostValue<bool>(options, "metrics-durations");
        LogFormat = ServerSettings.HostValue<string>(options, "log-format");
        LogFile = ServerSettings.HostValue<string>(options, "logfile");
        exitCode = 0;
        return true;
    }

    // The settings given on the command line (not those left at their defaults), as the configuration's top layer.
    private Dictionary<string, string?> Given(ParseResult parsed)
    {
        var given = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (setting, option) in _settings)
        {
            if (parsed.GetResult(option) is { Implicit: false } result)
            {
                given[setting.Key] = Text(result);
            }
        }

        return given;
    }

    // A repeatable setting's words, given as one quoted string per class, as a combined string, or as separate words
    // (redis-server's form), are all the same words in the end.
    private static string Text(OptionResult result) =>
        result.Option is Option<string[]> ? string.Join(' ', result.GetValueOrDefault<string[]>() ?? []) : result.GetValueOrDefault<string>() ?? "";

    // Every value stays text here and is checked by the table's own parser, so "abc", "", "-1" and "99999999999" are
    // usage errors with the same reasons a config file line gets.
    private static Option ToOption(ServerSetting setting)
    {
        var name = "--" + setting.Name;
        Option option = setting.Repeatable
            ? new Option<string[]>(name) { Description = setting.Description, AllowMultipleArgumentsPerToken = true }
            : new Option<string>(name)
            {
                Description = setting.Description,
                DefaultValueFactory = setting.DefaultText.Length == 0 ? null : _ => setting.DefaultText,
            };
        option.Validators.Add(result =>
        {
            if (!setting.TryCheck(Text(result), out var reason))
            {
                result.AddError($"{name}: {reason}");
            }
        });
        return option;
    }
}
