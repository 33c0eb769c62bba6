using ReactiveCache.Hosting;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// The Redis server a real-client spec talks to: by default a fresh ReactiveCache hosted in the test process on
/// 127.0.0.1, port 0. With <c>REACTIVECACHE_SPECS_REDIS=127.0.0.1:PORT</c> the same specs run against a redis-server
/// already listening there instead (started with <c>--notify-keyspace-events KEA</c>), which is how they are checked
/// against Redis itself: a spec that passes there and fails here has found a difference in the server, not in the
/// spec. That server is a scratch one: it is flushed before every spec.
/// </summary>
internal sealed class RedisTarget : IAsyncDisposable
{
    private const string ExternalVariable = "REACTIVECACHE_SPECS_REDIS";

    private readonly CacheServer? _server;

    private RedisTarget(string configuration, CacheServer? server)
    {
        Configuration = configuration;
        _server = server;
    }

    /// <summary>The client connection string: <c>host:port</c>, all a client needs.</summary>
    public string Configuration { get; }

    /// <summary>The in-process server, or <c>null</c> when the specs run against an external redis-server.</summary>
    public CacheServer? Server => _server;

    public static async Task<RedisTarget> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalVariable);
        if (!string.IsNullOrEmpty(external))
        {
            await FlushAsync(external);
            return new RedisTarget(external, server: null);
        }

        var server = CacheServer.Start(new CacheServerOptions
        {
            Port = null,
            MemcachedPort = null,
            RespPort = 0,
            Resp = new RespOptions { NotifyKeyspaceEvents = "KEA" },
        });
        return new RedisTarget($"127.0.0.1:{server.RespEndPoint!.Port}", server);
    }

    /// <summary>A client connection of the spec's own, apart from the connections of the code under test.</summary>
    public Task<ConnectionMultiplexer> ConnectAsync(RedisProtocol protocol = RedisProtocol.Resp3)
    {
        var options = ConfigurationOptions.Parse(Configuration);
        options.Protocol = protocol;
        return ConnectionMultiplexer.ConnectAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        }
    }

    private static async Task FlushAsync(string configuration)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync($"{configuration},allowAdmin=true");
        await admin.GetServers().Single().FlushAllDatabasesAsync();
    }
}
