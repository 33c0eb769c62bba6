using ReactiveCache.Networking;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>The server settings the Redis commands report (CONFIG GET, INFO) and start from.</summary>
internal sealed record RedisSettings
{
    public int Databases { get; init; } = 16;

    /// <summary>The server-wide password and protected mode, shared with the native and memcached ports.</summary>
    public ServerAccess Access { get; init; } = new();

    public string NotifyKeyspaceEvents { get; init; } = "";

    public int Port { get; init; } = 6379;

    public string Bind { get; init; } = "127.0.0.1";

    /// <summary>The server's live client limits (CONFIG GET/SET timeout, maxclients, client-output-buffer-limit, maxmemory-clients).</summary>
    public ClientLimits Limits { get; init; } = new();

    /// <summary>What one request may hold (proto-max-bulk-len, client-query-buffer-limit, ...); CONFIG SET changes them.</summary>
    public RespLimits RequestLimits { get; init; } = RespLimits.Default;

    /// <summary>Every setting of the server's table, for CONFIG GET * and SET; the hosting layer fills it.</summary>
    public IReadOnlyList<ConfigSetting> Table { get; init; } = [];

    /// <summary>
    /// CONFIG REWRITE: writes the config file the server was started from with these values (by CONFIG name), throwing
    /// an IOException when it cannot; null when the server has no config file.
    /// </summary>
    public Action<IReadOnlyDictionary<string, string>>? Rewrite { get; init; }

    /// <summary>Redis's <c>slowlog-log-slower-than</c>, in microseconds (negative: off; 0: every command).</summary>
    public long SlowLogLogSlowerThan { get; init; } = 10_000;

    /// <summary>Redis's <c>slowlog-max-len</c>.</summary>
    public int SlowLogMaxLength { get; init; } = 128;

    /// <summary>Redis's <c>latency-monitor-threshold</c>, in milliseconds (0: off).</summary>
    public long LatencyMonitorThreshold { get; init; }

    /// <summary>Where sessions count their commands for the server's meter; a meter of its own when none is given.</summary>
    public CommandMeter Metrics { get; init; } = new("resp", RedisCommandTable.Default.All.Select(command => command.FullName).ToArray());
}
