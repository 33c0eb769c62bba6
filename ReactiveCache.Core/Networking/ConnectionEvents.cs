using System.Net;
using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging;

namespace ReactiveCache.Networking;

/// <summary>
/// The log entries of one server's connection and limit events, each kind at most once a second with a count of
/// the ones left out (<see cref="LogThrottle"/>), so a flood of clients cannot flood the log. Never per command.
/// </summary>
internal sealed class ConnectionEvents(ILogger logger, IScheduler clock)
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);
    private readonly LogThrottle _maxClients = new(clock, s_interval);
    private readonly LogThrottle _denied = new(clock, s_interval);
    private readonly LogThrottle _idle = new(clock, s_interval);
    private readonly LogThrottle _overLimit = new(clock, s_interval);

    /// <summary>A connection refused because <paramref name="maxClients"/> were open (Warning).</summary>
    public void MaxClientsReached(EndPoint? remote, int maxClients)
    {
        if (_maxClients.TryLog(out var suppressed))
        {
            logger.LogWarning(
                "Refused connection from {Remote}: maxclients ({MaxClients}) reached; {Suppressed} more refused since the last report",
                remote, maxClients, suppressed);
        }
    }

    /// <summary>A connection refused by protected mode (Warning).</summary>
    public void ProtectedModeDenied(EndPoint? remote)
    {
        if (_denied.TryLog(out var suppressed))
        {
            logger.LogWarning(
                "Refused connection from {Remote}: protected mode is on and no password is set; {Suppressed} more refused since the last report",
                remote, suppressed);
        }
    }

    /// <summary>A client closed after the idle timeout (Information, as an operator may want to see why clients go).</summary>
    public void IdleClosed(long id, EndPoint? remote, TimeSpan timeout)
    {
        if (_idle.TryLog(out var suppressed))
        {
            logger.LogInformation(
                "Connection {Id} from {Remote} closed: idle for {Timeout}; {Suppressed} more idle clients closed since the last report",
                id, remote, timeout, suppressed);
        }
    }

    /// <summary>A client closed for a limit it broke: query buffer, output buffer, maxmemory-clients (Warning).</summary>
    public void ClosedOverLimit(long id, EndPoint? remote, string reason)
    {
        if (_overLimit.TryLog(out var suppressed))
        {
            logger.LogWarning(
                "Closing connection {Id} from {Remote}: {Reason}; {Suppressed} more clients closed over a limit since the last report",
                id, remote, reason, suppressed);
        }
    }
}
