using System.Net;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using ReactiveCache.Networking;
using static ReactiveCache.Hosting.Settings.SettingTypes;

namespace ReactiveCache.Hosting.Settings;

/// <summary>
/// Every setting of the server, declared once: the console's options, the config file's directives, the
/// REACTIVECACHE_* environment variables and CONFIG GET/SET/REWRITE all come from this table (docs/configuration.md
/// is its page). To add a setting, add one row here: name, description, type, default, where it lands in
/// <see cref="CacheServerOptions"/> and where it is read back; give its Redis name (<c>ConfigName</c>) if Redis has
/// one, and mark it <c>Live</c> only if ConfigCommands can change it on a running server.
/// </summary>
internal static class ServerSettings
{
    public const string EnvironmentPrefix = "REACTIVECACHE_";

    // Each database is a store with its own expiry timer: a mistyped 2147483647 must be a usage error, not an
    // out-of-memory at start.
    private const int MaxDatabases = 10_000;

    public static readonly IReadOnlyList<ServerSetting> All =
    [
        Setting("bind", "Address to listen on", Address, IPAddress.Loopback, (o, v) => o with { BindAddress = v }, o => o.BindAddress),
        Setting("port", "Native line protocol port (0 turns it off)", Whole(0, 65535), 7379, (o, v) => o with { Port = OffWhenZero(v) }, o => o.Port ?? 0)
            with { ConfigName = "native-port" },
        Setting("max-clients", "Connections open at once, all protocols", Whole(1, int.MaxValue), 10_000, (o, v) => o with { MaxClients = v }, o => o.MaxClients)
            with { ConfigName = "maxclients", Live = true },
        Setting(
            "timeout", "Seconds a client may send nothing before it is closed (0 never; subscribers exempt)", Whole(0, int.MaxValue), 0,
            (o, v) => o with { Timeout = TimeSpan.FromSeconds(v) }, o => (int)o.Timeout.TotalSeconds) with { Live = true },
        Setting(
            "client-output-buffer-limit",
            "Output limit per client class, as redis.conf: \"class hard soft seconds\" (normal, pubsub); repeatable. Default \"normal 1gb 0 0 pubsub 32mb 8mb 60\"",
            OutputLimits, ClientOutputBufferLimits.Default, (o, v) => o with { ClientOutputBufferLimits = v }, o => o.ClientOutputBufferLimits)
            with { Live = true, Repeatable = true },
        Setting(
            "maxmemory-clients", "All clients' buffers together (e.g. 2gb; 0 no limit); past it the biggest client is closed", Size, 2L * 1024 * 1024 * 1024,
            (o, v) => o with { MaxMemoryClients = v }, o => o.MaxMemoryClients) with { Live = true },
        Setting("max-line-length", "Longest native protocol line, in bytes", Whole(1, int.MaxValue), 64 * 1024, (o, v) => o with { MaxLineLength = v }, o => o.MaxLineLength),
        Setting("resp-port", "Redis (RESP) protocol port (0 turns it off)", Whole(0, 65535), 6379, (o, v) => o with { RespPort = OffWhenZero(v) }, o => o.RespPort ?? 0)
            with { ConfigName = "port" },
        Setting("databases", "Number of Redis databases (SELECT 0..n-1)", Whole(1, MaxDatabases), 16, (o, v) => o with { Resp = o.Resp with { Databases = v } }, o => o.Resp.Databases),
        Setting(
            "requirepass", "Password clients of every port must authenticate with (Redis AUTH, native AUTH, memcached auth set)", Text, "",
            (o, v) => o with { RequirePass = v.Length == 0 ? null : v }, o => o.RequirePass ?? "") with { Live = true },
        Setting(
            "notify-keyspace-events", "Redis keyspace notification classes, e.g. KEA", KeyspaceEventClasses, "",
            (o, v) => o with { Resp = o.Resp with { NotifyKeyspaceEvents = v } }, o => o.Resp.NotifyKeyspaceEvents) with { Live = true },
        Setting("memcached-port", "memcached text protocol port (0 turns it off)", Whole(0, 65535), 11211, (o, v) => o with { MemcachedPort = OffWhenZero(v) }, o => o.MemcachedPort ?? 0),
        Setting("max-item-size", "Largest memcached item value, in bytes", Whole(1, int.MaxValue), 1024 * 1024, (o, v) => o with { MaxItemSize = v }, o => o.MaxItemSize),
        Setting(
            "maxmemory", "Memory the keys of every protocol may take together, e.g. 64mb (0 no limit); memcached's -m", Size, 0L,
            (o, v) => o with { Store = o.Store with { MaxMemory = v } }, o => o.Store.MaxMemory) with { Live = true },
        Setting(
            "maxmemory-policy",
            $"Which keys go past --maxmemory, as Redis: {string.Join(", ", EvictionPolicies.Names)}; noeviction refuses writes (memcached's -M)",
            Policy, EvictionPolicy.NoEviction, (o, v) => o with { Store = o.Store with { EvictionPolicy = v } }, o => o.Store.EvictionPolicy) with { Live = true },
        Setting(
            "maxmemory-samples", "Keys one eviction samples per database (more is closer to exact)", Whole(1, Store.Memory.MemoryBudget.MaxSamples), 5,
            (o, v) => o with { Store = o.Store with { EvictionSamples = v } }, o => o.Store.EvictionSamples) with { Live = true },
        Setting(
            "lfu-log-factor", "How slowly the LFU policies' access counter grows", Whole(0, int.MaxValue), 10,
            (o, v) => o with { Store = o.Store with { LfuLogFactor = v } }, o => o.Store.LfuLogFactor) with { Live = true },
        Setting(
            "lfu-decay-time", "Minutes without access per step down of the LFU counter (0 never decays)", Whole(0, int.MaxValue), 1,
            (o, v) => o with { Store = o.Store with { LfuDecayMinutes = v } }, o => o.Store.LfuDecayMinutes) with { Live = true },
        Setting(
            "replay-buffer-size", "Changes kept (all databases together) for WATCH ... FROM and resuming subscribers (0 keeps none)", Whole(0, int.MaxValue), 100_000,
            (o, v) => o with { Store = o.Store with { ReplayBufferSize = v } }, o => o.Store.ReplayBufferSize),
        Setting(
            "replay-buffer-bytes", "Bytes of keys and values the replay buffer may keep, e.g. 64mb (all databases together; not counted toward --maxmemory)",
            Size, 64L * 1024 * 1024, (o, v) => o with { Store = o.Store with { ReplayBufferBytes = v } }, o => o.Store.ReplayBufferBytes),
        Host("log-level", "Trace, Debug, Information, Warning, Error, Critical or None", Level, LogLevel.Information),
        Setting(
            "protected-mode", "yes or no: without a password, serve loopback clients only", YesNo, true,
            (o, v) => o with { ProtectedMode = v }, o => o.ProtectedMode) with { Live = true },
        Setting(
            "max-watches", "WATCHes one native connection may hold at once", Whole(1, 1_000_000), Commands.Native.NativeSession.DefaultMaxWatches,
            (o, v) => o with { MaxWatches = v }, o => o.MaxWatches),
        Setting(
            "client-query-buffer-limit", "Memory one connection's unfinished Redis request may hold, e.g. 64mb (1mb or more)", LargeSize, 1024L * 1024 * 1024,
            (o, v) => o with { Resp = o.Resp with { QueryBufferLimit = v } }, o => o.Resp.QueryBufferLimit) with { Live = true },
        Setting(
            "proto-max-bulk-len", "Largest Redis bulk string a client may send, e.g. 512mb (1mb or more)", LargeSize, 512L * 1024 * 1024,
            (o, v) => o with { Resp = o.Resp with { MaxBulkLength = v } }, o => o.Resp.MaxBulkLength) with { Live = true },
        Setting(
            "max-multibulk-length", "Most arguments in one Redis request", Whole(1, int.MaxValue), 1024 * 1024,
            (o, v) => o with { Resp = o.Resp with { MaxMultibulkLength = v } }, o => o.Resp.MaxMultibulkLength) with { Live = true },
        Host(
            "io-threads",
            "Threads that wait on the sockets and run what they read (Redis's io-threads); 1, the default, is one event loop: commands from different connections run in the order they arrived, as in Redis",
            Whole(1, 128), 1),

        // Metrics and logs (docs/operations.md): the console applies them itself.
        Host("metrics-port", "Port serving GET /metrics in Prometheus's text format (0, the default, turns it off)", Whole(0, 65535), 0),
        Host("metrics-bind", "Address the metrics port listens on (\"\", the default: bind's)", OptionalAddress, ""),
        Host("metrics-durations", "yes or no: export the command duration histogram on the metrics port (about 1.5 us of CPU per command)", YesNo, false),
        Host("log-format", "text (one line per entry) or json (one JSON object per line)", OneOf("text", "json"), "text"),
        Host("logfile", "File to append the log to (\"\" for standard output, the default)", Text, ""),

        // Introspection (docs/redis-protocol.md, "Introspection"), Redis's names and bounds.
        Setting(
            "slowlog-log-slower-than", "Microseconds a Redis command must take to enter SLOWLOG (-1 off, 0 every command)", Whole(-1, int.MaxValue), 10_000,
            (o, v) => o with { Resp = o.Resp with { SlowLogLogSlowerThan = v } }, o => (int)Math.Min(o.Resp.SlowLogLogSlowerThan, int.MaxValue)) with { Live = true },
        Setting(
            "slowlog-max-len", "SLOWLOG entries kept", Whole(0, int.MaxValue), 128,
            (o, v) => o with { Resp = o.Resp with { SlowLogMaxLength = v } }, o => o.Resp.SlowLogMaxLength) with { Live = true },
        Setting(
            "latency-monitor-threshold", "Milliseconds a Redis command must take to be a LATENCY event (0 off)", Whole(0, int.MaxValue), 0,
            (o, v) => o with { Resp = o.Resp with { LatencyMonitorThreshold = v } }, o => (int)Math.Min(o.Resp.LatencyMonitorThreshold, int.MaxValue)) with { Live = true },

        // TLS (docs/tls.md), with redis.conf's tls-* names. tls-port is the Redis protocol's, as in redis.conf; the other
        // two name their protocol, as memcached-port does. None of them changes while the server runs.
        Setting(
            "tls-port", "Redis (RESP) protocol over TLS port (0, the default, turns it off)", Whole(0, 65535), 0,
            (o, v) => WithTls(o, tls => tls with { RespPort = OffWhenZero(v) }), o => o.Tls?.RespPort ?? 0),
        Setting(
            "tls-native-port", "Native line protocol over TLS port (0, the default, turns it off)", Whole(0, 65535), 0,
            (o, v) => WithTls(o, tls => tls with { Port = OffWhenZero(v) }), o => o.Tls?.Port ?? 0),
        Setting(
            "tls-memcached-port", "memcached protocol over TLS port (0, the default, turns it off)", Whole(0, 65535), 0,
            (o, v) => WithTls(o, tls => tls with { MemcachedPort = OffWhenZero(v) }), o => o.Tls?.MemcachedPort ?? 0),
        Setting(
            "tls-cert-file", "The server's TLS certificate, PEM (certificates after the first are sent as its chain)", Text, "",
            (o, v) => WithTls(o, tls => tls with { CertificateFile = NullWhenEmpty(v) }), o => o.Tls?.CertificateFile ?? ""),
        Setting(
            "tls-key-file", "The certificate's private key, PEM", Text, "",
            (o, v) => WithTls(o, tls => tls with { KeyFile = NullWhenEmpty(v) }), o => o.Tls?.KeyFile ?? ""),
        Setting(
            "tls-key-file-pass", "Password of an encrypted (PKCS#8) tls-key-file", Text, "",
            (o, v) => WithTls(o, tls => tls with { KeyFilePassword = NullWhenEmpty(v) }), o => o.Tls?.KeyFilePassword ?? ""),
        Setting(
            "tls-ca-cert-file", "CA certificates (PEM) that client certificates must be signed by", Text, "",
            (o, v) => WithTls(o, tls => tls with { CaCertificateFile = NullWhenEmpty(v) }), o => o.Tls?.CaCertificateFile ?? ""),
        Setting(
            "tls-auth-clients", "yes (as Redis, the default): clients must present a certificate the CA signed; optional: if they present one; no: never asked",
            ClientCertificates, TlsClientAuthentication.Required,
            (o, v) => WithTls(o, tls => tls with { AuthClients = v }), o => o.Tls?.AuthClients ?? TlsClientAuthentication.Required),
        Setting(
            "tls-protocols", "TLS versions offered, e.g. \"TLSv1.3\"", TlsVersions, SslProtocols.Tls12 | SslProtocols.Tls13,
            (o, v) => WithTls(o, tls => tls with { Protocols = v }), o => o.Tls?.Protocols ?? (SslProtocols.Tls12 | SslProtocols.Tls13)),
        Setting(
            "tls-handshake-timeout", "Seconds a TLS client may take to finish its handshake before it is dropped", Whole(1, 3600), 10,
            (o, v) => WithTls(o, tls => tls with { HandshakeTimeout = TimeSpan.FromSeconds(v) }), o => (int)(o.Tls?.HandshakeTimeout ?? TimeSpan.FromSeconds(10)).TotalSeconds),
    ];

    private static readonly Dictionary<string, ServerSetting> s_byKey = All.ToDictionary(setting => setting.Key, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, ServerSetting> s_byConfigName = All.ToDictionary(setting => setting.ConfigName, StringComparer.OrdinalIgnoreCase);

    /// <summary>The setting a file directive, command line name or environment key names ('-' and '_' alike, any case); null if none.</summary>
    public static ServerSetting? Find(string name) => s_byKey.GetValueOrDefault(name.Replace('-', '_'));

    /// <summary>The setting CONFIG GET/SET calls <paramref name="configName"/>; null if none.</summary>
    public static ServerSetting? FindByConfigName(string configName) => s_byConfigName.GetValueOrDefault(configName);

    /// <summary>The typed value of a host setting (one the library only keeps, such as log-level), or its default.</summary>
    public static T HostValue<T>(CacheServerOptions options, string name)
    {
        var setting = (ServerSetting<T>)Find(name)!;
        return setting.Parse(setting.Read(options));
    }

    // On the command line, in the file and in the environment, as with redis-server and memcached, port 0 means
    // "do not listen"; in CacheServerOptions 0 means any free port and null off.
    private static int? OffWhenZero(int port) => port == 0 ? null : port;

    private static string? NullWhenEmpty(string text) => text.Length == 0 ? null : text;

    // The tls-* rows build one TlsOptions; ServerConfiguration drops it again while no TLS port is on.
    private static CacheServerOptions WithTls(CacheServerOptions options, Func<TlsOptions, TlsOptions> change) =>
        options with { Tls = change(options.Tls ?? new TlsOptions()) };

    private static ServerSetting<T> Setting<T>(
        string name, string description, SettingType<T> type, T defaultValue,
        Func<CacheServerOptions, T, CacheServerOptions> apply, Func<CacheServerOptions, T> read) =>
        new(name, description, type, defaultValue, apply, read);

    // A setting the hosting process applies itself (the console's log level, its socket threads): the library keeps its
    // text in HostSettings, so CONFIG GET reports it and CONFIG REWRITE keeps it.
    private static ServerSetting<T> Host<T>(string name, string description, SettingType<T> type, T defaultValue) =>
        new(
            name, description, type, defaultValue,
            (o, v) => o with { HostSettings = new Dictionary<string, string>(o.HostSettings) { [name] = type.Format(v) } },
            o => o.HostSettings.TryGetValue(name, out var text) && type.TryParse(text, out var value, out _) ? value : defaultValue);
}
