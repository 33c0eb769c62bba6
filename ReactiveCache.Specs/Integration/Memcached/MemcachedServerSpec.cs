using System.Net;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Hosting;

namespace ReactiveCache.Specs.Integration.Memcached;

/// <summary>
/// A real server in this process for each fixture: memcached and the native protocol, both on free
/// loopback ports, over one store.
/// </summary>
[Category("Integration")]
public abstract class MemcachedServerSpec : ReactiveTest
{
    protected CacheServer Server { get; private set; } = null!;

    protected IPEndPoint Memcached => Server.MemcachedEndPoint!;

    protected IPEndPoint Native => Server.NativeEndPoint!;

    protected string HostPort => $"127.0.0.1:{Memcached.Port}";

    [OneTimeSetUp]
    public void StartServer() =>
        Server = CacheServer.Start(new CacheServerOptions { Port = 0, MemcachedPort = 0, RespPort = null, MaxItemSize = 1024 * 1024 });

    [OneTimeTearDown]
    public async Task StopServer() => await Server.DisposeAsync();
}
