using System.Diagnostics.Metrics;
using ReactiveCache.Commands;
using ReactiveCache.Commands.Memcached;
using ReactiveCache.Commands.Native;

namespace ReactiveCache.Hosting;

/// <summary>
/// One server's <c>System.Diagnostics.Metrics</c> meter, named <see cref="MeterName"/>: what dotnet-counters,
/// OpenTelemetry and the console's Prometheus endpoint read. Instruments follow OpenTelemetry's naming (docs/operations.md,
/// "Metrics and logs", lists each with its unit and tags).
/// </summary>
/// <remarks>
/// Commands are counted by the sessions (<see cref="CommandMeter"/>); everything else is observed when a listener
/// collects, from figures the server keeps anyway, so a meter nobody listens to costs the hot path one interlocked add.
/// </remarks>
public sealed class CacheMetrics : IDisposable
{
    /// <summary>The meter's name: <c>dotnet-counters monitor --counters ReactiveCache</c>.</summary>
    public const string MeterName = "ReactiveCache";

    /// <summary>The command duration histogram's name: the one instrument that costs each command something while listened to.</summary>
    public const string DurationName = "reactivecache.command.duration";

    // Command durations are microseconds to milliseconds: the default buckets (5 ms to 10 s) would put nearly every
    // command in the first one.
    private static readonly double[] s_durationBuckets =
        [0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly Histogram<double> _duration;
    private readonly CommandMeter[] _protocols;

    internal CacheMetrics(CacheMetricSources sources, IMeterFactory? meterFactory)
    {
        var version = typeof(CacheMetrics).Assembly.GetName().Version?.ToString();
        // Always a meter of its own, disposed with the server: a factory's Create hands every server the same cached
        // meter, which would gather each one's instruments and keep disposed servers alive. Scope ties it to the factory,
        // so the host's listeners see it as the factory's.
        Meter = new Meter(new MeterOptions(MeterName) { Version = version, Scope = meterFactory });
        _duration = Meter.CreateHistogram(
            DurationName, unit: "s", description: "How long commands took to execute, by protocol and command",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = s_durationBuckets });
        Meter.CreateObservableCounter("reactivecache.commands", ObserveCommands, "{command}", "Commands executed, by protocol and command");
        Resp = new CommandMeter("resp", Commands.Redis.RedisCommandTable.Default.All.Select(command => command.FullName).ToArray(), _duration);
        Memcached = new CommandMeter("memcached", MemcachedCommandNames.All, _duration);
        Native = new CommandMeter("native", NativeCommandNames.All, _duration);
        _protocols = [Resp, Memcached, Native];
        ObserveServer(sources);
    }

    /// <summary>The meter every instrument belongs to (for an exporter that filters by meter, such as prometheus-net's MeterAdapter).</summary>
    public Meter Meter { get; }

    /// <summary>The upper bounds of <c>reactivecache.command.duration</c>'s buckets, in seconds, for exporters that ask.</summary>
    public static IReadOnlyList<double> DurationBuckets => s_durationBuckets;

    internal CommandMeter Resp { get; }

    internal CommandMeter Memcached { get; }

    internal CommandMeter Native { get; }

    private IEnumerable<Measurement<long>> ObserveCommands()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var protocol in _protocols)
        {
            protocol.Observe(measurements);
        }

        return measurements;
    }

    private void ObserveServer(CacheMetricSources sources)
    {
        var statistics = sources.Statistics;
        Meter.CreateObservableUpDownCounter("reactivecache.connections", () => statistics.ConnectionsCurrent, "{connection}", "Connections open now, all protocols");
        Meter.CreateObservableCounter("reactivecache.connections.accepted", () => statistics.ConnectionsTotal, "{connection}", "Connections accepted since start (rejected ones included)");
        Meter.CreateObservableCounter("reactivecache.connections.rejected", () => statistics.ConnectionsRejected, "{connection}", "Connections refused: maxclients reached or protected mode");
        Meter.CreateObservableCounter("reactivecache.keyspace.hits", sources.KeyspaceHits, "{hit}", "Key lookups that found the key");
        Meter.CreateObservableCounter("reactivecache.keyspace.misses", sources.KeyspaceMisses, "{miss}", "Key lookups that found nothing");
        if (sources.BytesReceived is { } received && sources.BytesSent is { } sent)
        {
            Meter.CreateObservableCounter("reactivecache.network.io", () => (IEnumerable<Measurement<long>>)
                [new(received(), new KeyValuePair<string, object?>("direction", "receive")), new(sent(), new KeyValuePair<string, object?>("direction", "transmit"))],
                "By", "Bytes read from and written to clients, all protocols");
        }

        var store = sources.Store;
        Meter.CreateObservableGauge("reactivecache.keys", () => ObserveKeys(sources.Databases), "{key}", "Keys stored, by database");
        Meter.CreateObservableUpDownCounter("reactivecache.memory.used", () => store.UsedMemory, "By", "Bytes the keys and values of every database take (used_memory)");
        Meter.CreateObservableCounter("reactivecache.keys.evicted", () => store.EvictedKeys, "{key}", "Keys evicted to stay under maxmemory");
        Meter.CreateObservableCounter("reactivecache.keys.expired", () => store.ExpiredKeys, "{key}", "Keys removed because their time to live ran out");
        Meter.CreateObservableCounter("reactivecache.changes.published", () => store.LastSequence, "{change}", "Changes published on the change feed (its sequence number)");
        Meter.CreateObservableUpDownCounter("reactivecache.changes.subscribers", () => store.SubscriberCount, "{subscriber}", "Observers attached to the change feed");
        Meter.CreateObservableGauge("reactivecache.changes.subscriber.lag", () => store.SubscriberLag, "{change}", "Changes committed that the change feed has not yet handed to every subscriber");
    }

    private static IEnumerable<Measurement<long>> ObserveKeys(Func<IReadOnlyList<CacheStore>> databases)
    {
        var all = databases();
        var measurements = new Measurement<long>[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            measurements[i] = new Measurement<long>(all[i].Count, new KeyValuePair<string, object?>("db", i));
        }

        return measurements;
    }

    /// <summary>Ends the meter: its instruments stop being collected and let go of the server.</summary>
    public void Dispose() => Meter.Dispose();
}
