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

    /// <summary>Where sessions count their commands for the server's meter; a meter of its own when none is given.</summary>
    public CommandMeter Metrics { get; init; } = new("resp", RedisCommandTable.Default.All.Select(command => command.FullName).ToArray());
}
