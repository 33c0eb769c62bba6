using System.Net;
using ReactiveCache.Hosting;

namespace ReactiveCache.Specs.Support;

/// <summary>A whole server hosted in the test process on 127.0.0.1, port 0, stopped when disposed.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(CacheServer server) => Server = server;

    public CacheServer Server { get; }

    public CacheStore Store => Server.Store;

    public IPEndPoint NativeEndPoint => Server.NativeEndPoint!;

    public static RunningServer Start(CacheServerOptions? options = null) =>
        new(CacheServer.Start((options ?? new CacheServerOptions()) with { Port = 0, MemcachedPort = null, RespPort = null }));

    public Task<LineClient> ConnectAsync() => LineClient.ConnectAsync(NativeEndPoint);

    public async ValueTask DisposeAsync() => await Server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
}
