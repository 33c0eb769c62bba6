using System.Net;
using ReactiveCache.Hosting;

namespace ReactiveCache.Specs.Integration.ScaleOut;

/// <summary>
/// One ReactiveCache node behind the proxy: an in-process server with a Redis and a memcached port, which a spec can
/// stop (its keys go with it, as a crashed cache's do) and start again on the same ports.
/// </summary>
internal sealed class TwemproxyNode : IAsyncDisposable
{
    private CacheServer? _server;

    private TwemproxyNode(CacheServer server)
    {
        _server = server;
        RespEndPoint = server.RespEndPoint!;
        MemcachedEndPoint = server.MemcachedEndPoint!;
    }

    public IPEndPoint RespEndPoint { get; }

    public IPEndPoint MemcachedEndPoint { get; }

    public CacheStore Store => (_server ?? throw new InvalidOperationException("the node is down")).Store;

    public static TwemproxyNode Start() => new(CacheServer.Start(new CacheServerOptions { Port = null, RespPort = 0, MemcachedPort = 0 }));

    /// <summary>How many of this node's own keys match <paramref name="glob"/>.</summary>
    public int Count(string glob) => Store.Keys(glob).Count;

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Comes back empty on the ports it had, as a restarted cache does.</summary>
    public void Restart() =>
        _server = CacheServer.Start(new CacheServerOptions { Port = null, RespPort = RespEndPoint.Port, MemcachedPort = MemcachedEndPoint.Port });

    public ValueTask DisposeAsync() => new(StopAsync());
}
