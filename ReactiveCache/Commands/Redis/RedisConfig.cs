using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>The settings CONFIG SET can change while the server runs; read by every session.</summary>
internal sealed class RedisConfig(RedisSettings settings)
{
    private volatile string? _requirePass = string.IsNullOrEmpty(settings.RequirePass) ? null : settings.RequirePass;

    private volatile RespLimits _limits = settings.Limits;

    public RedisSettings Settings { get; } = settings;

    /// <summary>The request limits every connection's framer reads before each request.</summary>
    public RespLimits Limits
    {
        get => _limits;
        set => _limits = value;
    }

    /// <summary>The default user's password, or null when clients need not authenticate.</summary>
    public string? RequirePass
    {
        get => _requirePass;
        set => _requirePass = string.IsNullOrEmpty(value) ? null : value;
    }
}
