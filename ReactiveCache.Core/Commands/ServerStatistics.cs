namespace ReactiveCache.Commands;

/// <summary>Counters the server keeps and STATS/INFO report. Updated from many threads.</summary>
public sealed class ServerStatistics(DateTimeOffset startedAt)
{
    private long _connectionsCurrent;
    private long _connectionsTotal;
    private long _connectionsRejected;
    private long _commandsProcessed;

    /// <summary>When the server started, on the store's clock.</summary>
    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Connections open now, all protocols.</summary>
    public long ConnectionsCurrent => Interlocked.Read(ref _connectionsCurrent);

    /// <summary>Connections accepted since start.</summary>
    public long ConnectionsTotal => Interlocked.Read(ref _connectionsTotal);

    /// <summary>Connections refused because the client limit was reached or protected mode denied them.</summary>
    public long ConnectionsRejected => Interlocked.Read(ref _connectionsRejected);

    /// <summary>Commands executed since start, all protocols.</summary>
    public long CommandsProcessed => Interlocked.Read(ref _commandsProcessed);

    /// <summary>Counts a new connection if fewer than <paramref name="maxClients"/> are open.</summary>
    internal bool TryOpenConnection(long maxClients)
    {
        Interlocked.Increment(ref _connectionsTotal);
        if (Interlocked.Increment(ref _connectionsCurrent) <= maxClients)
        {
            return true;
        }

        Interlocked.Decrement(ref _connectionsCurrent);
        Interlocked.Increment(ref _connectionsRejected);
        return false;
    }

    /// <summary>Counts a connection refused before it was served (protected mode).</summary>
    internal void RejectConnection()
    {
        Interlocked.Increment(ref _connectionsTotal);
        Interlocked.Increment(ref _connectionsRejected);
    }

    internal void CloseConnection() => Interlocked.Decrement(ref _connectionsCurrent);

    internal void CommandProcessed() => Interlocked.Increment(ref _commandsProcessed);

    /// <summary>
    /// Restarts the totals (commands processed, connections received and rejected) as Redis's CONFIG RESETSTAT
    /// does (resetServerStats in server.c); connections open now stay counted.
    /// </summary>
    internal void ResetTotals()
    {
        Interlocked.Exchange(ref _commandsProcessed, 0);
        Interlocked.Exchange(ref _connectionsTotal, 0);
        Interlocked.Exchange(ref _connectionsRejected, 0);
    }
}
