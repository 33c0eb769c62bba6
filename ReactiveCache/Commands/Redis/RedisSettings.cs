using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>The server settings the Redis commands report (CONFIG GET, INFO) and start from.</summary>
internal sealed record RedisSettings
{
    public int Databases { get; init; } = 16;

    public string? RequirePass { get; init; }

    public string NotifyKeyspaceEvents { get; init; } = "";

    public int Port { get; init; } = 6379;

    public string Bind { get; init; } = "127.0.0.1";

    public int MaxClients { get; init; } = 10_000;

    /// <summary>What one request may hold (proto-max-bulk-len, client-query-buffer-limit, ...); CONFIG SET changes them.</summary>
    public RespLimits Limits { get; init; } = RespLimits.Default;
}
