using ReactiveCache.Commands;

namespace ReactiveCache.Hosting;

/// <summary>
/// Where <see cref="CacheMetrics"/>' observed instruments read their figures: the server's counters and store, and the
/// totals other parts keep. Read only when a listener collects.
/// </summary>
internal sealed record CacheMetricSources(ServerStatistics Statistics, CacheStore Store)
{
    /// <summary>Every database, 0 first (the Redis port's, or the store alone when it is off).</summary>
    public Func<IReadOnlyList<CacheStore>> Databases { get; init; } = () => [Store];

    public Func<long> KeyspaceHits { get; init; } = static () => 0;

    public Func<long> KeyspaceMisses { get; init; } = static () => 0;

    /// <summary>Bytes read from clients, all protocols; <c>reactivecache.network.io</c> is published only with both totals.</summary>
    public Func<long>? BytesReceived { get; init; }

    /// <summary>Bytes written to clients, all protocols.</summary>
    public Func<long>? BytesSent { get; init; }
}
