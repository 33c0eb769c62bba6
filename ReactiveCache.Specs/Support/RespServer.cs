using System.Net;
using ReactiveCache.Hosting;

namespace ReactiveCache.Specs.Support;

/// <summary>A whole server in the test process, RESP only, on an ephemeral loopback port.</summary>
internal sealed class RespServer : IAsyncDisposable
{
    private RespServer(CacheServer server) => Server = server;

    public CacheServer Server { get; }

    public IPEndPoint EndPoint => Server.RespEndPoint!;

    public int Port => EndPoint.Port;

    public static RespServer Start(RespOptions? resp = null, string? requirePass = null) =>
        new(CacheServer.Start(new CacheServerOptions { Port = null, MemcachedPort = null, RespPort = 0, Resp = resp ?? new RespOptions(), RequirePass = requirePass }));

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
