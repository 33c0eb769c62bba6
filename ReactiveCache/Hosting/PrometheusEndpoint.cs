using System.Net;
using System.Net.Sockets;
using Prometheus;

namespace ReactiveCache.Hosting;

/// <summary>
/// <c>GET /metrics</c> in Prometheus's text format (<c>--metrics-port</c>): prometheus-net's MeterAdapter turns one
/// server's <see cref="CacheMetrics"/> meter into a registry of its own, and its MetricServer (an HttpListener)
/// serves it. Only that meter: two servers in one process each export their own figures, and nothing else in the
/// process leaks in.
/// </summary>
/// <remarks>
/// The console's, not the library's: prometheus-net brings Microsoft.Extensions.Http and ObjectPool, which an
/// embedding host does not need (it has its own exporter, OpenTelemetry's or prometheus-net's own, that reads the
/// meter by name). The HTTP side runs on its own thread and sockets, so a hostile client of this port (garbage, a
/// slowloris, thousands of connections) costs the cache ports nothing but the CPU it takes; the managed HttpListener
/// closes a connection that has not sent a whole request within its idle timeout.
/// </remarks>
internal sealed class PrometheusEndpoint : IDisposable
{
    private readonly IDisposable _adapter;
    private readonly MetricServer _server;

    private PrometheusEndpoint(IDisposable adapter, MetricServer server, IPEndPoint endPoint)
    {
        _adapter = adapter;
        _server = server;
        EndPoint = endPoint;
    }

    /// <summary>Where it listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>
    /// Starts serving <paramref name="metrics"/> at <c>http://address:port/metrics</c>. Throws
    /// <see cref="ListenException"/> when the address cannot be bound.
    /// </summary>
    /// <param name="metrics">The server's meter.</param>
    /// <param name="address">Where to listen.</param>
    /// <param name="port">A real port: HttpListener cannot bind 0.</param>
    /// <param name="durations">
    /// Whether to export the command duration histogram (<c>--metrics-durations</c>): the MeterAdapter's work per
    /// measurement (a pooled array, a lock, a lookup) roughly doubled the server's CPU per GET in a measurement
    /// (docs/operations.md), where the counters, observed at scrape time, cost nothing measurable.
    /// </param>
    public static PrometheusEndpoint Start(CacheMetrics metrics, IPAddress address, int port, bool durations = false)
    {
        // prometheus-net otherwise starts, on first use, a default registry whose own MeterAdapter listens to every meter
        // in the process: each command would then be measured twice, once for nobody. The console owns its process.
        Prometheus.Metrics.SuppressDefaultMetrics();
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var adapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = registry,
            // Its default factory writes to the default registry, whatever Registry says.
            MetricFactory = Prometheus.Metrics.WithCustomRegistry(registry),
            InstrumentFilterPredicate = instrument => instrument.Meter == metrics.Meter && (durations || instrument.Name != CacheMetrics.DurationName),
            ResolveHistogramBuckets = _ => [.. CacheMetrics.DurationBuckets],
            // A series nobody updated for this long is dropped (observed instruments are updated at every scrape; a
            // command's duration histogram, when the command was not called): prometheus-net's longest, one day.
            MetricsExpireAfter = TimeSpan.FromDays(1),
        });
        var endPoint = new IPEndPoint(address, port);
        var server = new MetricServer(HostOf(address), port, "metrics/", registry);
        try
        {
            server.Start();
        }
        catch (HttpListenerException error)
        {
            adapter.Dispose();
            throw new ListenException(endPoint, new SocketException(error.ErrorCode));
        }

        return new PrometheusEndpoint(adapter, server, endPoint);
    }

    // HttpListener's prefixes name a host: "+" is every address, an IPv6 one goes in brackets.
    private static string HostOf(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "+"
        : address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]"
        : address.ToString();

    public void Dispose()
    {
        _server.Dispose();
        _adapter.Dispose();
    }
}
