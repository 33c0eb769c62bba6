using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReactiveCache.Commands;
using ReactiveCache.Commands.Memcached;
using ReactiveCache.Commands.Native;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Framing;
using ReactiveCache.Hosting.Settings;
using ReactiveCache.Networking;
using ReactiveCache.Protocols;
using ReactiveCache.Protocols.Memcached;
using ReactiveCache.Protocols.Native;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Hosting;

/// <summary>
/// The composition root (Twisted's Factory): binds a listener per protocol, turns each accepted socket
/// into a served connection, and on disposal stops accepting, lets in-flight replies finish, closes
/// connections and completes change streams.
/// </summary>
public sealed class CacheServer : IAsyncDisposable
{
    private readonly CacheServerOptions _options;
    private readonly ILogger _logger;
    private readonly bool _ownsStore;
    private readonly List<Listener> _listeners = [];
    private readonly List<IDisposable> _acceptors = [];
    private readonly ConcurrentDictionary<long, (Connection Connection, Task Served)> _connections = new();
    private readonly CancellationTokenSource _closeDeadline = new();
    private readonly TaskCompletionSource _allReadsStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _shutdownRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RedisServer? _redis;
    private TlsAcceptor? _tls;
    private int _disposed;
    private DelayedFlush? _delayedFlush;
    private readonly ClientsCron _clientsCron;
    private readonly MemcachedStatistics _memcachedStatistics = new();
    private readonly ConnectionEvents _events;

    private CacheServer(CacheServerOptions options, CacheStore store, bool ownsStore, ILoggerFactory loggerFactory, IMeterFactory? meterFactory)
    {
        _options = options;
        _ownsStore = ownsStore;
        _logger = loggerFactory.CreateLogger<CacheServer>();
        Store = store;
        Statistics = new ServerStatistics(store.Scheduler.Now);
        Access = new ServerAccess(options.RequirePass, options.ProtectedMode);
        LoggerFactory = loggerFactory;
        Limits = new ClientLimits
        {
            Timeout = options.Timeout,
            MaxClients = options.MaxClients,
            MaxMemoryClients = options.MaxMemoryClients,
            OutputBuffers = options.ClientOutputBufferLimits,
        };
        _events = new ConnectionEvents(_logger, store.Scheduler);
        _clientsCron = new ClientsCron(Limits, _connections.Select(entry => entry.Value.Connection), store.Scheduler, _logger, _events);
        Metrics = new CacheMetrics(MetricSources(), meterFactory);
    }

    // Hits and misses are the Redis read commands' lookups (INFO's keyspace_hits/misses; one count for every database) plus memcached's
    // get_hits/get_misses; both restart from 0 at CONFIG RESETSTAT / stats reset, which a Prometheus counter takes as a reset.
    private CacheMetricSources MetricSources() => new(Statistics, Store)
    {
        Databases = () => _redis?.Databases ?? [Store],
        KeyspaceHits = () => Store.KeyspaceStatistics.Hits + _memcachedStatistics[MemcachedStatistics.Counter.GetHits],
        KeyspaceMisses = () => Store.KeyspaceStatistics.Misses + _memcachedStatistics[MemcachedStatistics.Counter.GetMisses],
        BytesReceived = () => Statistics.BytesRead,
        BytesSent = () => Statistics.BytesWritten,
    };

    /// <summary>The store every protocol serves.</summary>
    public CacheStore Store { get; }

    /// <summary>Connection and command counters.</summary>
    public ServerStatistics Statistics { get; }

    /// <summary>This server's <c>ReactiveCache</c> meter (dotnet-counters, OpenTelemetry, Prometheus).</summary>
    public CacheMetrics Metrics { get; }

    /// <summary>The client limits in force (idle timeout, client count, buffers); CONFIG SET changes them while serving.</summary>
    public ClientLimits Limits { get; }

    /// <summary>Where the native protocol listens, or <c>null</c> when it is turned off.</summary>
    public IPEndPoint? NativeEndPoint { get; private set; }

    /// <summary>Where the memcached protocol listens, or <c>null</c> when it is turned off.</summary>
    public IPEndPoint? MemcachedEndPoint { get; private set; }
    /// <summary>Where the Redis protocol listens, or <c>null</c> when it is turned off.</summary>
    public IPEndPoint? RespEndPoint { get; private set; }

    /// <summary>Where the Redis protocol listens over TLS (<see cref="TlsOptions.RespPort"/>), or <c>null</c>.</summary>
    public IPEndPoint? TlsRespEndPoint { get; private set; }

    /// <summary>Where the native protocol listens over TLS (<see cref="TlsOptions.Port"/>), or <c>null</c>.</summary>
    public IPEndPoint? TlsNativeEndPoint { get; private set; }

    /// <summary>Where the memcached protocol listens over TLS (<see cref="TlsOptions.MemcachedPort"/>), or <c>null</c>.</summary>
    public IPEndPoint? TlsMemcachedEndPoint { get; private set; }

    /// <summary>
    /// Every command the Redis clients run, as MONITOR shows them: hot, from the moment of subscription; empty when the
    /// Redis port is off. Commands are serialized and observed on the thread that ran them, so an observer must not
    /// block (put <c>ObserveOn</c> before slow work). Nothing is built per command while nobody subscribes. Completes
    /// when the server is disposed.
    /// </summary>
    public IObservable<MonitoredCommand> Monitor => _redis?.Recorder.Monitor.Commands ?? Observable.Empty<MonitoredCommand>();

    /// <summary>Completes when a client asked the server to stop (Redis SHUTDOWN); the host then disposes it.</summary>
    public Task ShutdownRequested => _shutdownRequested.Task;

    internal ILoggerFactory LoggerFactory { get; }

    /// <summary>The password and protected mode every port's sessions read, changed live by CONFIG SET.</summary>
    internal ServerAccess Access { get; }

    /// <summary>
    /// Binds every enabled listener and starts accepting. Throws <see cref="ListenException"/> when an
    /// address cannot be bound (a port in use), <see cref="TlsSetupException"/> when TLS is asked for and its
    /// certificates cannot be read; nothing is left listening in either case.
    /// </summary>
    /// <param name="options">Ports and limits.</param>
    /// <param name="store">A store to serve; when omitted the server creates one and disposes it with itself.</param>
    /// <param name="loggerFactory">Where logs go; nowhere when omitted.</param>
    /// <param name="meterFactory">Makes the server's <see cref="CacheMetrics.MeterName"/> meter (a host's, from dependency
    /// injection); a meter of the server's own when omitted.</param>
    public static CacheServer Start(
        CacheServerOptions? options = null, CacheStore? store = null, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
    {
        options ??= new CacheServerOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        var server = new CacheServer(
            options, store ?? new CacheStore(options.Store, logger: loggerFactory.CreateLogger<CacheStore>()), store is null, loggerFactory, meterFactory);
        try
        {
            if (options.Tls is { Listens: true } tls)
            {
                server._tls = new TlsAcceptor(TlsServerAuthentication.Create(tls, server._logger), tls.HandshakeTimeout, server.Limits, server.Store.Scheduler, server._logger);
            }

            (server.NativeEndPoint, server.TlsNativeEndPoint) = server.Listen(options.Port, options.Tls?.Port, server.Statistics.Native, new NativeProtocol(options.MaxLineLength),
                () => new NativeSession(server.Store, server.Statistics, server.Access, options.MaxWatches, server.Metrics.Native));
            (server.MemcachedEndPoint, server.TlsMemcachedEndPoint) = server.ListenMemcached(options);
            (server.RespEndPoint, server.TlsRespEndPoint) = server.ListenResp(options);
            return server;
        }
        catch
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    private (IPEndPoint? Plain, IPEndPoint? Tls) ListenMemcached(CacheServerOptions options)
    {
        var statistics = _memcachedStatistics;
        var settings = new MemcachedSettings(options.MaxItemSize, options.MaxClients, options.MemcachedPort ?? 0, options.MaxLineLength);
        var delayedFlush = _delayedFlush = new DelayedFlush(Store);
        var listening = new MemcachedListening(() => ServedConnections, Statistics.Memcached);
        var (plain, tls) = Listen(options.MemcachedPort, options.Tls?.MemcachedPort, Statistics.Memcached, new MemcachedProtocol(options.MaxLineLength, options.MaxItemSize),
            () => new MemcachedSession(Store, statistics, Statistics, settings, delayedFlush, Access, listening, Metrics.Memcached));
        if ((plain ?? tls) is { } bound)
        {
            listening.Bound(bound, _listeners.First(listener => listener.LocalEndPoint.Equals(bound)).Handle);
        }

        return (plain, tls);
    }

    /// <summary>
    /// Binds one protocol's plain and TLS listeners (each where its port is not null) and serves every connection
    /// they accept with the same sessions: TLS is only the transport under the connection.
    /// </summary>
    internal (IPEndPoint? Plain, IPEndPoint? Tls) Listen<TFrame, TCommand, TReply, TSession>(
        int? port,
        int? tlsPort,
        ListenerStatistics traffic,
        ICacheProtocol<TFrame, TCommand, TReply> protocol,
        Func<TSession> openSession,
        // The framer for the session's connection (RESP's asks its session for limits); the protocol's fixed one when null.
        Func<TSession, IFramer<TFrame>>? framerFor = null)
        where TSession : ICommandSession<TCommand, TReply>
    {
        var name = protocol.GetType().Name;
        void Served(Connection connection) => Track(connection, Serve(connection, protocol, openSession, framerFor));
        var plain = Bind(port, name, socket => Served(Connection.ForSocket(socket, Limits, Store.Scheduler, traffic)));
        var tls = Bind(tlsPort, name + " over TLS", socket => AcceptTls(socket, traffic, Served));
        return (plain, tls);
    }

    private IPEndPoint? Bind(int? port, string name, Action<Socket> accepted)
    {
        if (port is not { } number)
        {
            return null;
        }

        var endPoint = new IPEndPoint(_options.BindAddress, number);
        Listener listener;
        try
        {
            listener = Listener.Bind(endPoint);
        }
        catch (SocketException error)
        {
            throw new ListenException(endPoint, error);
        }

        _listeners.Add(listener);
        _acceptors.Add(listener.Accepted
            .Subscribe(
                onNext: accepted,
                onError: error => _logger.LogError(error, "{Protocol} listener failed", name),
                onCompleted: () => _logger.LogDebug("{Protocol} listener stopped", name)));
        _logger.LogInformation("{Protocol} listening on {EndPoint}", name, listener.LocalEndPoint);
        return listener.LocalEndPoint;
    }

    // Handshakes under way count toward maxclients, as in Redis (which creates the client at accept), so sockets that
    // each send half a ClientHello cannot take every file descriptor. Over the limit the socket is dropped before any
    // handshake, as Redis drops it: the refusal could not be read without one.
    private void AcceptTls(Socket socket, ListenerStatistics traffic, Action<Connection> served)
    {
        var tls = _tls!;
        var maxClients = Limits.MaxClients;
        if (Statistics.ConnectionsCurrent + tls.Handshaking >= maxClients)
        {
            _events.MaxClientsReached(socket.RemoteEndPoint, maxClients);
            Statistics.RejectConnection(traffic);
            socket.Dispose();
            return;
        }

        tls.Accept(socket, traffic, served);
    }

    private (IPEndPoint? Plain, IPEndPoint? Tls) ListenResp(CacheServerOptions options)
    {
        if (options.RespPort is null && options.Tls?.RespPort is null)
        {
            return (null, null);
        }

        var resp = options.Resp;
        var settings = new RedisSettings
        {
            Databases = resp.Databases,
            Access = Access,
            NotifyKeyspaceEvents = resp.NotifyKeyspaceEvents,
            Port = options.RespPort ?? 0,
            Bind = options.BindAddress.ToString(),
            Limits = Limits,
            RequestLimits = new RespLimits(resp.MaxInlineLength, resp.MaxBulkLength, resp.MaxMultibulkLength, resp.QueryBufferLimit),
            Table = ServerSettings.All.Select(setting => new ConfigSetting(setting.ConfigName, setting.Live, setting.Read(options))).ToList(),
            Rewrite = options.ConfigFile is { } path ? values => ConfigFileRewriter.Rewrite(path, ByTableRow(values)) : null,
            SlowLogLogSlowerThan = resp.SlowLogLogSlowerThan,
            SlowLogMaxLength = resp.SlowLogMaxLength,
            LatencyMonitorThreshold = resp.LatencyMonitorThreshold,
            Metrics = Metrics.Resp,
        };
        _redis = new RedisServer(Store, settings, Statistics, () => _shutdownRequested.TrySetResult());
        // The RESP framer asks each connection's session for its limits (CONFIG SET, AUTH), wired here so that
        // Protocols/ need know nothing of sessions.
        var protocol = new RespProtocol(settings.RequestLimits);
        var (plain, tls) = Listen(options.RespPort, options.Tls?.RespPort, Statistics.Resp, protocol, _redis.OpenSession, session => protocol.CreateFramer(session));
        _redis.Config.Port = plain?.Port ?? settings.Port;
        return (plain, tls);
    }

    private static Dictionary<ServerSetting, string> ByTableRow(IReadOnlyDictionary<string, string> valuesByConfigName) =>
        ServerSettings.All.Where(setting => valuesByConfigName.ContainsKey(setting.ConfigName))
            .ToDictionary(setting => setting, setting => valuesByConfigName[setting.ConfigName]);

    /// <summary>Stops accepting, finishes in-flight replies, closes every connection, completes change streams.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _clientsCron.Dispose();
        _acceptors.ForEach(acceptor => acceptor.Dispose());
        _listeners.ForEach(listener => listener.Dispose());
        if (_tls is not null)
        {
            // Before the connections are counted below: a handshake that finishes now still gets closed with them.
            await _tls.DisposeAsync();
        }

        // Two phases, so nothing acknowledged is lost: every connection first finishes the batch it is
        // executing and stops reading; only then are they closed, each with every change pushed to it.
        var open = _connections.Values.ToArray();
        foreach (var (connection, _) in open)
        {
            connection.RequestClose();
        }

        using var deadline = Store.Scheduler.Schedule(_options.ShutdownGracePeriod, () => _closeDeadline.Cancel());
        var readsStopped = Task.WhenAll(open.Select(entry => entry.Connection.ReadLoopStopped));
        await Task.WhenAny(readsStopped, Task.Delay(Timeout.Infinite, _closeDeadline.Token));
        foreach (var (connection, _) in open.Where(entry => !entry.Connection.ReadLoopStopped.IsCompleted))
        {
            // Still flushing to a client that does not read, after the grace period: drop it.
            connection.Abort();
        }

        await readsStopped;
        _allReadsStopped.TrySetResult();
        await Task.WhenAll(open.Select(entry => entry.Served));
        _delayedFlush?.Dispose();
        _redis?.Dispose();
        Metrics.Dispose();
        if (_ownsStore)
        {
            Store.Dispose();
        }
    }

    private async Task Serve<TFrame, TCommand, TReply, TSession>(
        Connection connection,
        ICacheProtocol<TFrame, TCommand, TReply> protocol,
        Func<TSession> openSession,
        Func<TSession, IFramer<TFrame>>? framerFor)
        where TSession : ICommandSession<TCommand, TReply>
    {
        if (Access.Refuses(connection.RemoteEndPoint))
        {
            _events.ProtectedModeDenied(connection.RemoteEndPoint);
            Statistics.RejectConnection(connection.Listener);
            await ConnectionSession.RejectAsync(connection, protocol, protocol.DeniedReply, _closeDeadline.Token);
            return;
        }

        var maxClients = Limits.MaxClients;
        if (!Statistics.TryOpenConnection(maxClients, connection.Listener))
        {
            _events.MaxClientsReached(connection.RemoteEndPoint, maxClients);
            await ConnectionSession.RejectAsync(connection, protocol, protocol.MaxClientsReply, _closeDeadline.Token);
            return;
        }

        try
        {
            _logger.LogDebug("Connection {Id} from {Remote}", connection.Id, connection.RemoteEndPoint);
            await ConnectionSession.ServeAsync(connection, protocol, openSession, _logger, ReadyToClose, _closeDeadline.Token, framerFor, _events);
        }
        catch (Exception error)
        {
            // The per-connection catch of STYLE.md: a bug closes its connection, never the listener.
            _logger.LogError(error, "Connection {Id} failed", connection.Id);
        }
        finally
        {
            Statistics.CloseConnection(connection.Listener);
        }
    }

    /// <summary>The connections being served now, of every listener (CLIENT LIST and <c>stats conns</c> pick theirs).</summary>
    internal IEnumerable<Connection> ServedConnections => _connections.Values.Select(entry => entry.Connection);

    private Task ReadyToClose() => Volatile.Read(ref _disposed) == 1 ? _allReadsStopped.Task : Task.CompletedTask;

    private void Track(Connection connection, Task served)
    {
        _connections[connection.Id] = (connection, served);
        served.ContinueWith(_ => _connections.TryRemove(connection.Id, out var _), TaskScheduler.Default);
        if (Volatile.Read(ref _disposed) == 1)
        {
            connection.RequestClose();
        }
    }
}
