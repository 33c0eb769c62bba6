using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>The settings CONFIG SET can change while the server runs; read by every session.</summary>
internal sealed class RedisConfig(RedisSettings settings)
{
    private volatile RespLimits _requestLimits = settings.RequestLimits;

    public RedisSettings Settings { get; } = settings;

    /// <summary>The port clients reach (INFO tcp_port, CONFIG GET port): the one bound, when the settings asked for any free one.</summary>
    public int Port { get; set; } = settings.Port;

    /// <summary>The lazyfree switches, remembered for CONFIG GET (every removal is lazy here: <see cref="LazyfreeConfig"/>).</summary>
    public LazyfreeConfig Lazyfree { get; } = new();

    /// <summary>The request limits every connection's framer reads before each request; CONFIG SET changes them.</summary>
    public RespLimits RequestLimits
    {
        get => _requestLimits;
        set => _requestLimits = value;
    }

    /// <summary>Redis's <c>latency-tracking-info-percentiles</c>: which percentiles INFO latencystats prints.</summary>
    public IReadOnlyList<double> LatencyPercentiles { get; set; } = [50, 99, 99.9];

    /// <summary>The default user's password, or null when clients need not authenticate; the same for every port.</summary>
    public string? RequirePass
    {
        get => Settings.Access.RequirePass;
        set => Settings.Access.RequirePass = value;
    }

    /// <summary>Redis's protected mode, the same for every port.</summary>
    public bool ProtectedMode
    {
        get => Settings.Access.ProtectedMode;
        set => Settings.Access.ProtectedMode = value;
    }
}
