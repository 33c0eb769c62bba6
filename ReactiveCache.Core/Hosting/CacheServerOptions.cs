using System.Net;
using ReactiveCache.Networking;

namespace ReactiveCache.Hosting;

/// <summary>Where the server listens and the limits it enforces. Every limit has a sane default.</summary>
public sealed record CacheServerOptions
{
    /// <summary>The address every listener binds to; loopback unless told otherwise.</summary>
    public IPAddress BindAddress { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// The native line protocol's port. 0 binds any free port (read it back from
    /// <see cref="CacheServer.NativeEndPoint"/>: the way to host a server in a test); <c>null</c> turns the
    /// listener off. Beware: on the command line, in a config file and in the environment (<c>--port 0</c>,
    /// <c>port 0</c>, <c>REACTIVECACHE_PORT=0</c>) 0 means off, as with redis-server and memcached
    /// (docs/configuration.md); only here does it mean "any free port".
    /// </summary>
    public int? Port { get; init; } = 7379;

    /// <summary>
    /// The memcached text protocol's port (with the meta commands). 0 binds any free port (read it back from
    /// <see cref="CacheServer.MemcachedEndPoint"/>); <c>null</c> turns the listener off, as the command line's
    /// <c>--memcached-port 0</c> (and a config file's or the environment's 0) does.
    /// </summary>
    public int? MemcachedPort { get; init; } = 11211;

    /// <summary>The largest memcached item value, in bytes; a larger one gets <c>SERVER_ERROR object too large for cache</c>.</summary>
    public int MaxItemSize { get; init; } = 1024 * 1024;

    /// <summary>
    /// The Redis protocol's (RESP2/RESP3) port, with the same meaning as <see cref="Port"/>: 0 binds any free
    /// port (read it back from <see cref="CacheServer.RespEndPoint"/>), <c>null</c> turns the listener off, as the
    /// command line's <c>--resp-port 0</c> (and a config file's or the environment's 0) does.
    /// </summary>
    public int? RespPort { get; init; } = 6379;

    /// <summary>
    /// TLS listeners for any of the three protocols, with their certificates (Redis's <c>tls-*</c> settings);
    /// <c>null</c>, the default, listens in plain text only. See docs/tls.md.
    /// </summary>
    public TlsOptions? Tls { get; init; }

    /// <summary>The Redis protocol's databases, keyspace notifications and limits.</summary>
    public RespOptions Resp { get; init; } = new();

    /// <summary>
    /// The default user's password for every port (Redis's <c>requirepass</c>): Redis clients AUTH, native
    /// clients send <c>AUTH &lt;password&gt;</c>, memcached clients authenticate as <c>memcached -Y</c> asks
    /// (a first <c>set</c> whose data is <c>default &lt;password&gt;</c>). Null or empty: no password.
    /// </summary>
    public string? RequirePass { get; init; }

    /// <summary>
    /// Redis's <c>protected-mode</c>: while no password is set, clients from addresses other than loopback get
    /// the protocol's DENIED error and are disconnected, whatever the bind address.
    /// </summary>
    public bool ProtectedMode { get; init; } = true;

    /// <summary>Connections open at once, all protocols together; the next one gets an error and is closed.</summary>
    public int MaxClients { get; init; } = 10_000;

    /// <summary>The longest line the native protocol accepts; a longer one closes the connection.</summary>
    public int MaxLineLength { get; init; } = 64 * 1024;

    /// <summary>WATCHes one native connection may hold at once; one more gets <c>ERR too many watches ...</c>.</summary>
    public int MaxWatches { get; init; } = Commands.Native.NativeSession.DefaultMaxWatches;

    /// <summary>
    /// How long a client may send nothing before it is closed (Redis's <c>timeout</c>); zero, the default as in
    /// Redis, never closes one. Subscribers (Redis pub/sub, native WATCH) are exempt.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Output a client may have waiting, per class (Redis's <c>client-output-buffer-limit</c>): pubsub for
    /// subscribers and native watchers (pushed messages), normal for everyone else (replies). Over a limit the
    /// client is disconnected so it cannot stall writers or grow the server's memory.
    /// </summary>
    public ClientOutputBufferLimits ClientOutputBufferLimits { get; init; } = ClientOutputBufferLimits.Default;

    /// <summary>
    /// What all clients' buffers may hold together (Redis 7's <c>maxmemory-clients</c>); past it the client that
    /// holds the most is closed. 0 is no limit. The default, 2 GB, is larger than one largest request plus one
    /// largest reply, so no single well-behaved client trips it, yet many buffering clients cannot take the machine.
    /// </summary>
    public long MaxMemoryClients { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>How long shutdown waits for a client to take its last replies before dropping it.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The store's limits and replay buffer, among them the one memory budget and eviction policy every protocol
    /// follows (<see cref="CacheStoreOptions.MaxMemory"/>, <see cref="CacheStoreOptions.EvictionPolicy"/>; the command
    /// line's <c>--maxmemory</c> and <c>--maxmemory-policy</c>, which also stand for memcached's <c>-m</c> and <c>-M</c>).
    /// </summary>
    public CacheStoreOptions Store { get; init; } = new();

    /// <summary>
    /// The config file the host read the settings from (the console's <c>--config</c>), which <c>CONFIG REWRITE</c>
    /// rewrites with the settings in force; null, the default, answers CONFIG REWRITE with Redis's
    /// <c>ERR The server is running without a config file</c>. The server never reads it: the host does.
    /// </summary>
    public string? ConfigFile { get; init; }

    /// <summary>
    /// Settings the hosting process applies itself (the console's <c>log-level</c> and <c>io-threads</c>), as text by
    /// their configuration names, kept so CONFIG GET reports them and CONFIG REWRITE writes them back. The server does
    /// not act on them.
    /// </summary>
    public IReadOnlyDictionary<string, string> HostSettings { get; init; } = new Dictionary<string, string>();
}
