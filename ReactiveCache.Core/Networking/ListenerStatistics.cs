namespace ReactiveCache.Networking;

/// <summary>
/// The traffic of one protocol's listener: connections accepted, open and refused, and the bytes its connections
/// read and wrote on the wire (TLS records included, counted below any TLS stream). Counters only grow, so a metrics
/// exporter can read them as counters; <c>stats reset</c> and <c>CONFIG RESETSTAT</c> move a baseline instead
/// (<see cref="SinceReset"/>). Updated from many threads: one atomic add per socket read or write, never per command.
/// </summary>
public sealed class ListenerStatistics
{
    private long _bytesRead;
    private long _bytesWritten;
    private long _connectionsAccepted;
    private long _connectionsCurrent;
    private long _connectionsRejected;
    private Snapshot _baseline = Snapshot.Zero;

    internal ListenerStatistics(string protocol) => Protocol = protocol;

    /// <summary>The protocol's short name: <c>native</c>, <c>memcached</c> or <c>resp</c>.</summary>
    public string Protocol { get; }

    /// <summary>Bytes read from this listener's sockets since start.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>Bytes written to this listener's sockets since start.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>Connections served since start; refused ones are not counted here, as neither Redis nor memcached counts them.</summary>
    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    /// <summary>Connections served now.</summary>
    public long ConnectionsCurrent => Interlocked.Read(ref _connectionsCurrent);

    /// <summary>Connections refused since start: over maxclients, or by protected mode.</summary>
    public long ConnectionsRejected => Interlocked.Read(ref _connectionsRejected);

    /// <summary>The totals since the protocol's own reset (memcached's <c>stats reset</c>, Redis's <c>CONFIG RESETSTAT</c>).</summary>
    public Snapshot SinceReset
    {
        get
        {
            var baseline = Volatile.Read(ref _baseline);
            var now = Now();
            return new(now.BytesRead - baseline.BytesRead, now.BytesWritten - baseline.BytesWritten,
                now.ConnectionsAccepted - baseline.ConnectionsAccepted, now.ConnectionsRejected - baseline.ConnectionsRejected);
        }
    }

    internal void Read(int bytes) => Interlocked.Add(ref _bytesRead, bytes);

    internal void Written(int bytes) => Interlocked.Add(ref _bytesWritten, bytes);

    internal void Opened()
    {
        Interlocked.Increment(ref _connectionsAccepted);
        Interlocked.Increment(ref _connectionsCurrent);
    }

    internal void Closed() => Interlocked.Decrement(ref _connectionsCurrent);

    internal void Rejected() => Interlocked.Increment(ref _connectionsRejected);

    /// <summary>Starts <see cref="SinceReset"/> over; the counters themselves go on growing.</summary>
    internal void Reset() => Volatile.Write(ref _baseline, Now());

    private Snapshot Now() => new(BytesRead, BytesWritten, ConnectionsAccepted, ConnectionsRejected);

    /// <summary>Totals at one moment, or between two.</summary>
    public sealed record Snapshot(long BytesRead, long BytesWritten, long ConnectionsAccepted, long ConnectionsRejected)
    {
        internal static readonly Snapshot Zero = new(0, 0, 0, 0);
    }
}
