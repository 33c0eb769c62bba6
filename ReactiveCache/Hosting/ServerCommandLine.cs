using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.Logging;
using ReactiveCache.Networking;

namespace ReactiveCache.Hosting;

/// <summary>
/// The console server's options (names fixed so scripts and docs agree), parsed with System.CommandLine.
/// </summary>
internal sealed class ServerCommandLine
{
    // Each database is a store with its own expiry timer: a mistyped 2147483647 must be a usage error, not an
    // out-of-memory at start.
    private const int MaxDatabases = 10_000;

    private readonly Option<string> _bind = new("--bind") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<int> _port = Integer("--port", "Native line protocol port (0 turns it off)", 7379, 0, 65535);
    private readonly Option<int> _memcachedPort = Integer("--memcached-port", "memcached text protocol port (0 turns it off)", 11211, 0, 65535);
    private readonly Option<int> _maxItemSize = Integer("--max-item-size", "Largest memcached item value, in bytes", 1024 * 1024, 1, int.MaxValue);
    private readonly Option<int> _maxClients = Integer("--max-clients", "Connections open at once, all protocols", 10_000, 1, int.MaxValue);
    private readonly Option<int> _timeout = Integer("--timeout", "Seconds a client may send nothing before it is closed (0 never; subscribers exempt)", 0, 0, int.MaxValue);
    private readonly Option<string[]> _clientOutputBufferLimit = new("--client-output-buffer-limit")
    {
        Description = "Output limit per client class, as redis.conf: \"class hard soft seconds\" (normal, pubsub); repeatable. Default \"normal 1gb 0 0 pubsub 32mb 8mb 60\"",
        AllowMultipleArgumentsPerToken = true,
    };
    private readonly Option<string> _maxMemoryClients = new("--maxmemory-clients")
    {
        Description = "All clients' buffers together (e.g. 2gb; 0 no limit); past it the biggest client is closed",
        DefaultValueFactory = _ => "2gb",
    };
    private readonly Option<int> _maxLineLength = Integer("--max-line-length", "Longest native protocol line, in bytes", 64 * 1024, 1, int.MaxValue);
    private readonly Option<int> _maxWatches = Integer("--max-watches", "WATCHes one native connection may hold at once", Commands.Native.NativeSession.DefaultMaxWatches, 1, 1_000_000);
    private readonly Option<int> _respPort = Integer("--resp-port", "Redis (RESP) protocol port (0 turns it off)", 6379, 0, 65535);
    private readonly Option<int> _databases = Integer("--databases", "Number of Redis databases (SELECT 0..n-1)", 16, 1, MaxDatabases);
    private readonly Option<string?> _requirePass = new("--requirepass") { Description = "Password clients of every port must authenticate with (Redis AUTH, native AUTH, memcached auth set)" };
    private readonly Option<string> _protectedMode = new("--protected-mode") { Description = "yes or no: without a password, serve loopback clients only", DefaultValueFactory = _ => "yes" };
    private readonly Option<string> _notifyKeyspaceEvents = new("--notify-keyspace-events") { Description = "Redis keyspace notification classes, e.g. KEA", DefaultValueFactory = _ => "" };
    private readonly Option<int> _replayBufferSize = Integer("--replay-buffer-size", "Changes kept (all databases together) for WATCH ... FROM and resuming subscribers (0 keeps none)", 100_000, 0, int.MaxValue);
    private readonly Option<string> _replayBufferBytes = new("--replay-buffer-bytes")
    {
        Description = "Bytes of keys and values the replay buffer may keep, e.g. 64mb (all databases together; not counted toward --maxmemory)",
        DefaultValueFactory = _ => "64mb",
    };
    private readonly Option<string> _maxMemory = new("--maxmemory")
    {
        Description = "Memory the keys of every protocol may take together, e.g. 64mb (0 no limit); memcached's -m",
        DefaultValueFactory = _ => "0",
    };
    private readonly Option<string> _maxMemoryPolicy = new("--maxmemory-policy")
    {
        Description = $"Which keys go past --maxmemory, as Redis: {string.Join(", ", EvictionPolicies.Names)}; noeviction refuses writes (memcached's -M)",
        DefaultValueFactory = _ => EvictionPolicy.NoEviction.RedisName(),
    };
    private readonly Option<int> _maxMemorySamples = Integer("--maxmemory-samples", "Keys one eviction samples per database (more is closer to exact)", 5, 1, Store.Memory.MemoryBudget.MaxSamples);
    private readonly Option<int> _lfuLogFactor = Integer("--lfu-log-factor", "How slowly the LFU policies' access counter grows", 10, 0, int.MaxValue);
    private readonly Option<int> _lfuDecayTime = Integer("--lfu-decay-time", "Minutes without access per step down of the LFU counter (0 never decays)", 1, 0, int.MaxValue);
    private readonly Option<string> _queryBufferLimit = new("--client-query-buffer-limit") { Description = "Memory one connection's unfinished Redis request may hold, e.g. 64mb (1mb or more)", DefaultValueFactory = _ => "1gb" };
    private readonly Option<string> _protoMaxBulkLen = new("--proto-max-bulk-len") { Description = "Largest Redis bulk string a client may send, e.g. 512mb (1mb or more)", DefaultValueFactory = _ => "512mb" };
    private readonly Option<int> _maxMultibulkLength = Integer("--max-multibulk-length", "Most arguments in one Redis request", 1024 * 1024, 1, int.MaxValue);
    private readonly Option<LogLevel> _logLevel = new("--log-level") { Description = "Trace, Debug, Information, Warning, Error, Critical or None", DefaultValueFactory = _ => LogLevel.Information };
    private readonly Option<int> _ioThreads = Integer(
        "--io-threads",
        "Threads that wait on the sockets and run what they read (Redis's io-threads); 1, the default, is one event loop: commands from different connections run in the order they arrived, as in Redis",
        1, 1, 128);
    private readonly Option<bool> _version = new("--version") { Description = "Print the version and exit" };

    // Metrics and logs (docs/operations.md, "Metrics and logs"): the console's own, read after parsing as --io-threads is.
    private readonly Option<int> _metricsPort = Integer("--metrics-port", "Port serving GET /metrics in Prometheus's text format (0, the default, turns it off)", 0, 0, 65535);
    private readonly Option<string> _metricsDurations = new("--metrics-durations")
    {
        Description = "yes or no: export the command duration histogram on the metrics port (about 1.5 us of CPU per command)",
        DefaultValueFactory = _ => "no",
    };
    private readonly Option<string?> _metricsBind = new("--metrics-bind") { Description = "Address the metrics port listens on (default: --bind's)" };
    private readonly Option<string> _logFormat = new("--log-format") { Description = "text (one line per entry) or json (one JSON object per line)", DefaultValueFactory = _ => "text" };
    private readonly Option<string> _logFile = new("--logfile") { Description = "File to append the log to (\"\" for standard output, the default)", DefaultValueFactory = _ => "" };
    private readonly RootCommand _root;

    public ServerCommandLine()
    {
        _root = new RootCommand("ReactiveCache: a reactive key-value cache server on Rx.NET.")
        {
            _bind, _port, _maxClients, _timeout, _clientOutputBufferLimit, _maxMemoryClients, _maxLineLength, _respPort,
            _databases, _requirePass, _notifyKeyspaceEvents, _memcachedPort, _maxItemSize,
            _maxMemory, _maxMemoryPolicy, _maxMemorySamples, _lfuLogFactor, _lfuDecayTime,
            _replayBufferSize, _replayBufferBytes, _logLevel,
            _protectedMode, _maxWatches, _queryBufferLimit, _protoMaxBulkLen, _maxMultibulkLength, _ioThreads,
            _metricsPort, _metricsBind, _metricsDurations, _logFormat, _logFile,
        };
        _metricsDurations.AcceptOnlyFromAmong("yes", "no");
        _logFormat.AcceptOnlyFromAmong(ServerLogging.Formats);
        _metricsBind.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } address && !IPAddress.TryParse(address, out _))
            {
                result.AddError($"--metrics-bind: '{address}' is not an IP address");
            }
        });
        AddMemorySizeValidator(_queryBufferLimit);
        AddMemorySizeValidator(_protoMaxBulkLen);
        _protectedMode.AcceptOnlyFromAmong("yes", "no");

        // System.CommandLine's own --version refuses to run beside any other option ("--version --port 1" is an
        // error); this one prints the version whatever else is given, as redis-server --version does.
        _root.Options.Remove(_root.Options.OfType<VersionOption>().Single());
        _root.Options.Add(_version);
        _bind.Validators.Add(result =>
        {
            if (!IPAddress.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"--bind: '{result.GetValueOrDefault<string>()}' is not an IP address");
            }
        });
        _clientOutputBufferLimit.Validators.Add(result =>
        {
            if (!ClientOutputBufferLimits.Default.TryApply(Joined(result.GetValueOrDefault<string[]>()), out _, out var error))
            {
                result.AddError($"--client-output-buffer-limit: {error}");
            }
        });
        AddSizeValidator(_maxMemoryClients);
        AddSizeValidator(_maxMemory);
        AddSizeValidator(_replayBufferBytes);
        _maxMemoryPolicy.Validators.Add(result =>
        {
            if (!EvictionPolicies.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError(
                    $"--maxmemory-policy: '{result.GetValueOrDefault<string>()}' is not a policy; use one of {string.Join(", ", EvictionPolicies.Names)}");
            }
        });
    }

    /// <summary>
    /// <c>--io-threads</c>, once parsed: how many socket engine threads the process runs. A setting of the process,
    /// not of a server (the runtime reads it once, before the first socket), so the console applies it itself.
    /// </summary>
    public int IoThreads { get; private set; } = 1;

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

        options = ToOptions(parsed);
        logLevel = parsed.GetValue(_logLevel);
        IoThreads = parsed.GetValue(_ioThreads);
        MetricsPort = OffWhenZero(parsed.GetValue(_metricsPort));
        MetricsBind = parsed.GetValue(_metricsBind) is { } metricsBind ? IPAddress.Parse(metricsBind) : options.BindAddress;
        MetricsDurations = parsed.GetValue(_metricsDurations) == "yes";
        LogFormat = parsed.GetValue(_logFormat)!;
        LogFile = parsed.GetValue(_logFile) ?? "";
        exitCode = 0;
        return true;
    }

    private CacheServerOptions ToOptions(ParseResult parsed)
    {
        ClientOutputBufferLimits.Default.TryApply(Joined(parsed.GetValue(_clientOutputBufferLimit)), out var outputLimits, out _);
        MemorySize.TryParse(parsed.GetValue(_maxMemoryClients), out var maxMemoryClients);
        return new CacheServerOptions
        {
            BindAddress = IPAddress.Parse(parsed.GetValue(_bind)!),
            Port = OffWhenZero(parsed.GetValue(_port)),
            MaxClients = parsed.GetValue(_maxClients),
            Timeout = TimeSpan.FromSeconds(parsed.GetValue(_timeout)),
            ClientOutputBufferLimits = outputLimits,
            MaxMemoryClients = maxMemoryClients,
            MaxLineLength = parsed.GetValue(_maxLineLength),
            MaxWatches = parsed.GetValue(_maxWatches),
            MemcachedPort = OffWhenZero(parsed.GetValue(_memcachedPort)),
            MaxItemSize = parsed.GetValue(_maxItemSize),
            Store = ToStoreOptions(parsed),
            RequirePass = parsed.GetValue(_requirePass),
            ProtectedMode = parsed.GetValue(_protectedMode) == "yes",
            RespPort = OffWhenZero(parsed.GetValue(_respPort)),
            Resp = new RespOptions
            {
                Databases = parsed.GetValue(_databases),
                NotifyKeyspaceEvents = parsed.GetValue(_notifyKeyspaceEvents)!,
                QueryBufferLimit = Bytes(parsed.GetValue(_queryBufferLimit)!),
                MaxBulkLength = Bytes(parsed.GetValue(_protoMaxBulkLen)!),
                MaxMultibulkLength = parsed.GetValue(_maxMultibulkLength),
            },
        };
    }

    // Redis's maxmemory family: one budget and one policy for the keys of every protocol.
    private CacheStoreOptions ToStoreOptions(ParseResult parsed)
    {
        EvictionPolicies.TryParse(parsed.GetValue(_maxMemoryPolicy), out var policy);
        return new CacheStoreOptions
        {
            ReplayBufferSize = parsed.GetValue(_replayBufferSize),
            ReplayBufferBytes = Bytes(parsed.GetValue(_replayBufferBytes)!),
            MaxMemory = Bytes(parsed.GetValue(_maxMemory)!),
            EvictionPolicy = policy,
            EvictionSamples = parsed.GetValue(_maxMemorySamples),
            LfuLogFactor = parsed.GetValue(_lfuLogFactor),
            LfuDecayMinutes = parsed.GetValue(_lfuDecayTime),
        };
    }

    // On the command line, as with redis-server and memcached, port 0 means "do not listen".
    private static int? OffWhenZero(int port) => port == 0 ? null : port;

    // Given as one quoted string per class, as a combined string, or as separate words (redis-server's form):
    // all of them are the same words in the end. No option given changes nothing.
    private static string Joined(string[]? words) => words is { Length: > 0 } ? string.Join(' ', words) : "normal 1gb 0 0";

    private static long Bytes(string size) => MemorySize.TryParse(size, out var bytes) ? bytes : 0;

    // A size where 0 means none: any memory value Redis's config would take.
    private static void AddSizeValidator(Option<string> option) =>
        option.Validators.Add(result =>
        {
            if (!MemorySize.TryParse(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError($"{option.Name}: '{result.GetValueOrDefault<string>()}' is not a size (bytes, or with k, kb, m, mb, g, gb)");
            }
        });

    // Redis's own bounds for these sizes (config.c): at least 1mb.
    private static void AddMemorySizeValidator(Option<string> option) =>
        option.Validators.Add(result =>
        {
            if (!MemorySize.TryParse(result.GetValueOrDefault<string>() ?? "", out var bytes) || bytes < 1024 * 1024)
            {
                result.AddError($"{option.Name}: must be a memory size of 1mb or more, such as 64mb, 1gb or 1048576");
            }
        });

    // Parsing the text here (not System.CommandLine's converter plus a validator) makes "abc", "", "-1" and
    // "99999999999" usage errors: a validator reading a value that failed to convert throws instead.
    private static Option<int> Integer(string name, string description, int defaultValue, int minimum, int maximum) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    result.AddError($"{name}: '{text}' is not a whole number");
                    return defaultValue;
                }

                if (number < minimum || number > maximum)
                {
                    result.AddError($"{name}: must be between {minimum} and {maximum}");
                    return defaultValue;
                }

                return (int)number;
            },
        };
}
