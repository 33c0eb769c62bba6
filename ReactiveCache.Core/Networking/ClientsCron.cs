using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Microsoft.Extensions.Logging;
using ReactiveCache.Framing;

namespace ReactiveCache.Networking;

/// <summary>
/// One sweep over every connection each <see cref="Period"/> on the server's scheduler, as Redis's clientsCron:
/// closes idle clients, clients over their output class's soft limit for too long (or over the hard one while a
/// flush waits), and, while all clients' buffers together are over maxmemory-clients, the biggest ones.
/// </summary>
/// <remarks>
/// One server-wide timer rather than one per connection: the hot path only stores a time stamp and two sizes per
/// read (no timer to re-arm per request), a change of the limits at run time needs no re-arming, and 10 000
/// connections cost one pass of 10 000 field reads ten times a second. The price is granularity: a limit is
/// acted on within one period after it is due.
/// </remarks>
internal sealed class ClientsCron : IDisposable
{
    /// <summary>How often the connections are checked (Redis's default hz is 10).</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly ClientLimits _limits;
    private readonly IEnumerable<Connection> _connections;
    private readonly ILogger _logger;
    private readonly ConnectionEvents _events;
    private readonly IDisposable _ticks;

    public ClientsCron(ClientLimits limits, IEnumerable<Connection> connections, IScheduler scheduler, ILogger logger, ConnectionEvents? events = null)
    {
        _limits = limits;
        _connections = connections;
        _logger = logger;
        _events = events ?? new ConnectionEvents(logger, scheduler);
        _ticks = Observable.Interval(Period, scheduler)
            .Select(_ => scheduler.Now.UtcTicks)
            .Subscribe(
                onNext: Sweep,
                onError: error => logger.LogError(error, "The client limit sweep stopped"));
    }

    /// <summary>Checks every connection against the limits as of <paramref name="nowTicks"/>.</summary>
    public void Sweep(long nowTicks)
    {
        var total = 0L;
        foreach (var connection in _connections)
        {
            if (!connection.Failed && !CloseIfOverLimits(connection, nowTicks))
            {
                total += connection.MemoryBytes;
            }
        }

        var budget = _limits.MaxMemoryClients;
        if (budget > 0 && total > budget)
        {
            EvictBiggest(total, budget);
        }
    }

    public void Dispose() => _ticks.Dispose();

    private bool CloseIfOverLimits(Connection connection, long nowTicks)
    {
        var subscriber = connection.IsSubscriber();
        var timeout = _limits.Timeout.Ticks;
        // A blocked client waits on its own timeout, not the idle one (Redis's clientsCronHandleTimeout).
        if (timeout > 0 && !subscriber && !connection.IsWaitingForReply && nowTicks - connection.LastActivityTicks >= timeout)
        {
            _events.IdleClosed(connection.Id, connection.RemoteEndPoint, _limits.Timeout);
            connection.CloseIdle();
            return true;
        }

        var limit = _limits.OutputLimitFor(subscriber);
        var pending = connection.PendingOutputBytes;
        if (!limit.IsOverSoft(pending) || limit.SoftDuration <= TimeSpan.Zero)
        {
            connection.OverSoftLimitSinceTicks = 0;
            return limit.IsOverHard(pending) && Close(connection, new OutputOverflowException(limit.HardBytes));
        }

        if (connection.OverSoftLimitSinceTicks == 0)
        {
            connection.OverSoftLimitSinceTicks = nowTicks;
        }

        var overFor = nowTicks - connection.OverSoftLimitSinceTicks;
        return (limit.IsOverHard(pending) || overFor >= limit.SoftDuration.Ticks)
            && Close(connection, new OutputOverflowException(limit.HardBytes > 0 && limit.IsOverHard(pending) ? limit.HardBytes : limit.SoftBytes));
    }

    // Redis evicts from its biggest memory bucket first; the biggest client is the one whose closing frees most.
    private void EvictBiggest(long total, long budget)
    {
        var biggestFirst = _connections
            .Where(connection => !connection.Failed)
            .Select(connection => (Connection: connection, Bytes: connection.MemoryBytes))
            .OrderByDescending(client => client.Bytes);
        foreach (var (connection, bytes) in biggestFirst)
        {
            if (total <= budget)
            {
                return;
            }

            Close(connection, new ClientEvictedException(budget));
            total -= bytes;
        }
    }

    private bool Close(Connection connection, Exception reason)
    {
        // Logged once, by the session that ends with this reason (ConnectionEvents.ClosedOverLimit).
        _logger.LogDebug("Connection {Id} from {Remote} failed: {Reason}", connection.Id, connection.RemoteEndPoint, reason.Message);
        connection.Fail(reason);
        return true;
    }
}
