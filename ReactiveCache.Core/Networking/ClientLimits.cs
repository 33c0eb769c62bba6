namespace ReactiveCache.Networking;

/// <summary>
/// The limits every connection of one server obeys, changeable while it runs (CONFIG SET timeout, maxclients,
/// client-output-buffer-limit, maxmemory-clients). Read without locks: each value is one atomic field, and the
/// output limits are swapped as one immutable record.
/// </summary>
public sealed class ClientLimits
{
    private long _timeoutTicks;
    private int _maxClients = 10_000;
    private long _maxMemoryClients;
    private volatile ClientOutputBufferLimits _outputBuffers = ClientOutputBufferLimits.Default;

    /// <summary>How long a client may send nothing before it is closed; zero never closes one (Redis's <c>timeout</c>).</summary>
    public TimeSpan Timeout
    {
        get => new(Volatile.Read(ref _timeoutTicks));
        set => Volatile.Write(ref _timeoutTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>Connections open at once, all protocols together; the next one is refused with the protocol's error.</summary>
    public int MaxClients
    {
        get => Volatile.Read(ref _maxClients);
        set => Volatile.Write(ref _maxClients, value);
    }

    /// <summary>
    /// What all clients' buffers may hold together (input not yet executed plus output not yet sent); past it the
    /// client that holds the most is closed. 0 is no limit.
    /// </summary>
    public long MaxMemoryClients
    {
        get => Volatile.Read(ref _maxMemoryClients);
        set => Volatile.Write(ref _maxMemoryClients, Math.Max(0, value));
    }

    /// <summary>The output limit of every client class.</summary>
    public ClientOutputBufferLimits OutputBuffers
    {
        get => _outputBuffers;
        set => _outputBuffers = value;
    }

    /// <summary>The output limit of a subscriber (pubsub class) or of any other client (normal class).</summary>
    public OutputBufferLimit OutputLimitFor(bool subscriber) => subscriber ? _outputBuffers.PubSub : _outputBuffers.Normal;
}
