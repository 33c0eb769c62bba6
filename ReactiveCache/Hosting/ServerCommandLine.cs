using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Security.Authentication;
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

    // TLS (docs/tls.md), with redis.conf's tls-* names. --tls-port is the Redis protocol's, as in redis.conf (alias
    // --tls-resp-port, beside --resp-port); the other two name their protocol, as --memcached-port does.
    private readonly Option<int> _tlsPort = Integer("--tls-port", "Redis (RESP) protocol over TLS port (0, the default, turns it off); alias --tls-resp-port", 0, 0, 65535);
    private readonly Option<int> _tlsNativePort = Integer("--tls-native-port", "Native line protocol over TLS port (0, the default, turns it off)", 0, 0, 65535);
    private readonly Option<int> _tlsMemcachedPort = Integer("--tls-memcached-port", "memcached protocol over TLS port (0, the default, turns it off)", 0, 0, 65535);
    private readonly Option<string?> _tlsCertFile = new("--tls-cert-file") { Description = "The server's TLS certificate, PEM (certificates after the first are sent as its chain)" };
    private readonly Option<string?> _tlsKeyFile = new("--tls-key-file") { Description = "The certificate's private key, PEM" };
    private readonly Option<string?> _tlsKeyFilePass = new("--tls-key-file-pass") { Description = "Password of an encrypted (PKCS#8) --tls-key-file" };
    private readonly Option<string?> _tlsCaCertFile = new("--tls-ca-cert-file") { Description = "CA certificates (PEM) that client certificates must be signed by" };
    private readonly Option<string> _tlsAuthClients = new("--tls-auth-clients")
    {
        Description = "yes (the default, as Redis): clients must present a certificate signed by the CA; optional: they may; no: none is asked for",
        DefaultValueFactory = _ => "yes",
    };
    private readonly Option<string> _tlsProtocols = new("--tls-protocols") { Description = "TLS versions offered, e.g. \"TLSv1.3\"", DefaultValueFactory = _ => "TLSv1.2 TLSv1.3" };
    private readonly Option<int> _tlsHandshakeTimeout = Integer("--tls-handshake-timeout", "Seconds a TLS client may take to finish its handshake before it is dropped", 10, 1, 3600);

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
            _tlsPort, _tlsNativePort, _tlsMemcachedPort, _tlsCertFile, _tlsKeyFile, _tlsKeyFilePass, _tlsCaCertFile,
            _tlsAuthClients, _tlsProtocols, _tlsHandshakeTimeout,
        };
        AddTlsValidators();
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
            Tls = ToTlsOptions(parsed),
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

    private void AddTlsValidators()
    {
        _tlsPort.Aliases.Add("--tls-resp-port");
        _tlsAuthClients.AcceptOnlyFromAmong("yes", "no", "optional");
        _tlsProtocols.Validators.Add(result =>
        {
            if (!TryParseTlsProtocols(result.GetValueOrDefault<string>(), out _, out var error))
            {
                result.AddError($"--tls-protocols: {error}");
            }
        });
    }

    // Null while every TLS port is off, so certificate files are read only when something will use them.
    private TlsOptions? ToTlsOptions(ParseResult parsed)
    {
        var tls = new TlsOptions
        {
            RespPort = OffWhenZero(parsed.GetValue(_tlsPort)),
            Port = OffWhenZero(parsed.GetValue(_tlsNativePort)),
            MemcachedPort = OffWhenZero(parsed.GetValue(_tlsMemcachedPort)),
            CertificateFile = parsed.GetValue(_tlsCertFile),
            KeyFile = parsed.GetValue(_tlsKeyFile),
            KeyFilePassword = parsed.GetValue(_tlsKeyFilePass),
            CaCertificateFile = parsed.GetValue(_tlsCaCertFile),
            AuthClients = parsed.GetValue(_tlsAuthClients) switch
            {
                "no" => TlsClientAuthentication.None,
                "optional" => TlsClientAuthentication.Optional,
                _ => TlsClientAuthentication.Required,
            },
            Protocols = TryParseTlsProtocols(parsed.GetValue(_tlsProtocols), out var protocols, out _) ? protocols : SslProtocols.None,
            HandshakeTimeout = TimeSpan.FromSeconds(parsed.GetValue(_tlsHandshakeTimeout)),
        };
        return tls.Listens ? tls : null;
    }

    // Redis's tls-protocols words. TLSv1 and TLSv1.1, which Redis still accepts, are refused: .NET calls them obsolete.
    internal static bool TryParseTlsProtocols(string? words, out SslProtocols protocols, out string error)
    {
        protocols = SslProtocols.None;
        error = "";
        foreach (var word in (words ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var protocol = word.ToUpperInvariant() switch
            {
                "TLSV1.2" => SslProtocols.Tls12,
                "TLSV1.3" => SslProtocols.Tls13,
                _ => SslProtocols.None,
            };
            if (protocol == SslProtocols.None)
            {
                error = $"'{word}' is not supported; use TLSv1.2, TLSv1.3 or both";
                return false;
            }

            protocols |= protocol;
        }

        if (protocols == SslProtocols.None)
        {
            error = "name at least one of TLSv1.2 and TLSv1.3";
            return false;
        }

        return true;
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
