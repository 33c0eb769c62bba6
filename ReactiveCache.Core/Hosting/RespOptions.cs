namespace ReactiveCache.Hosting;

/// <summary>The Redis (RESP) listener's settings and limits; the defaults are Redis's.</summary>
public sealed record RespOptions
{
    /// <summary>How many numbered databases SELECT can choose from; database 0 is the server's store.</summary>
    public int Databases { get; init; } = 16;

    /// <summary>Which keyspace notifications are published (Redis's <c>notify-keyspace-events</c> letters); empty for none.</summary>
    public string NotifyKeyspaceEvents { get; init; } = "";

    /// <summary>The longest inline request, and the longest <c>*</c>/<c>$</c> length line, in bytes.</summary>
    public int MaxInlineLength { get; init; } = 64 * 1024;

    /// <summary>The largest bulk string a client may send (Redis's <c>proto-max-bulk-len</c>).</summary>
    public long MaxBulkLength { get; init; } = 512L * 1024 * 1024;

    /// <summary>The most arguments one multibulk request may carry (Redis allows any count up to 2^31-1).</summary>
    public int MaxMultibulkLength { get; init; } = 1024 * 1024;

    /// <summary>
    /// The most memory one connection's unfinished request may hold, unread input and parsed arguments together
    /// (Redis's <c>client-query-buffer-limit</c>); past it the connection is closed.
    /// </summary>
    public long QueryBufferLimit { get; init; } = 1024L * 1024 * 1024;

    /// <summary>
    /// Commands that take at least this many microseconds are kept in SLOWLOG (Redis's <c>slowlog-log-slower-than</c>);
    /// negative logs none, 0 logs every command.
    /// </summary>
    public long SlowLogLogSlowerThan { get; init; } = 10_000;

    /// <summary>The SLOWLOG entries kept, newest first (Redis's <c>slowlog-max-len</c>).</summary>
    public int SlowLogMaxLength { get; init; } = 128;

    /// <summary>
    /// Commands that take at least this many milliseconds are LATENCY events (Redis's <c>latency-monitor-threshold</c>);
    /// 0, the default, turns the latency monitor off.
    /// </summary>
    public long LatencyMonitorThreshold { get; init; }
}
