using ReactiveCache.Networking;

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

    /// <summary>The native protocol's listener: its connections and bytes on the wire.</summary>
    public ListenerStatistics Native { get; } = new("native");

    /// <summary>The memcached listener's connections and bytes (what memcached's <c>stats</c> reports).</summary>
    public ListenerStatistics Memcached { get; } = new("memcached");

    /// <summary>The Redis listener's connections and bytes (what INFO stats reports).</summary>
    public ListenerStatistics Resp { get; } = new("resp");

    /// <summary>Every listener, for an exporter that labels by protocol.</summary>
    public IReadOnlyList<ListenerStatistics> Listeners => [Native, Memcached, Resp];

    /// <summary>Bytes read from every socket since start, all protocols; never reset.</summary>
    public long BytesRead => Native.BytesRead + Memcached.BytesRead + Resp.BytesRead;

    /// <summary>Bytes written to every socket since start, all protocols; never reset.</summary>
    public long BytesWritten => Native.BytesWritten + Memcached.BytesWritten + Resp.BytesWritten;

    /// <summary>Connections accepted since start, all protocols; never reset (unlike <see cref="ConnectionsTotal"/>).</summary>
    public long ConnectionsAccepted => Native.ConnectionsAccepted + Memcached.ConnectionsAccepted + Resp.ConnectionsAccepted;

    /// <summary>Counts a new connection if fewer than <paramref name="maxClients"/> are open, server-wide and on its listener.</summary>
    internal bool TryOpenConnection(long maxClients, ListenerStatistics? listener = null)
    {
        Interlocked.Increment(ref _connectionsTotal);
        if (Interlocked.Increment(ref _connectionsCurrent) <= maxClients)
        {
            listener?.Opened();
            return true;
        }

        Interlocked.Decrement(ref _connectionsCurrent);
        Interlocked.Increment(ref _connectionsRejected);
        listener?.Rejected();
        return false;
    }

    /// <summary>Counts a connection refused before it was served (protected mode).</summary>
    internal void RejectConnection(ListenerStatistics? listener = null)
    {
        Interlocked.Increment(ref _connectionsTotal);
        Interlocked.Increment(ref _connectionsRejected);
        listener?.Rejected();
    }

    internal void CloseConnection(ListenerStatistics? listener = null)
    {
        Interlocked.Decrement(ref _connectionsCurrent);
        listener?.Closed();
    }

    internal void CommandProcessed() => Interlocked.Increment(ref _commandsProcessed);

    /// <summary>
    /// Restarts the totals (commands processed, connections received and rejected, the Redis listener's bytes) as
    /// Redis's CONFIG RESETSTAT does (resetServerStats in server.c); connections open now stay counted, and the
    /// listeners' own counters go on growing (only the Redis listener's <see cref="ListenerStatistics.SinceReset"/> restarts).
    /// </summary>
    internal void ResetTotals()
    {
        Interlocked.Exchange(ref _commandsProcessed, 0);
        Interlocked.Exchange(ref _connectionsTotal, 0);
        Interlocked.Exchange(ref _connectionsRejected, 0);
        Resp.Reset();
    }
}
