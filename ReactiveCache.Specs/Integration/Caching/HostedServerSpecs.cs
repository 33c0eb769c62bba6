using System.Net.Sockets;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NUnit.Framework;
using ReactiveCache.Hosting;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.Caching;

/// <summary>
/// <c>AddReactiveCache</c> in a generic host: the server starts and stops with the host, and the in-process
/// IDistributedCache, the server's Redis clients and the stock Redis IDistributedCache share one store.
/// </summary>
[Category("Integration")]
public sealed class HostedServerSpecs
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_host_serves_redis_clients_on_a_free_port_and_stops_with_the_host()
    {
        using var host = BuildHost();
        await host.StartAsync().WaitAsync(s_wait);
        var endPoint = host.Services.GetRequiredService<CacheServerService>().Server.RespEndPoint!;

        await using (var redis = await ConnectionMultiplexer.ConnectAsync($"{endPoint},abortConnect=false"))
        {
            await redis.GetDatabase().StringSetAsync("greeting", "hello");

            Assert.That(host.Services.GetRequiredService<CacheStore>().Get("greeting"), Is.EqualTo("hello"));
        }

        await host.StopAsync().WaitAsync(s_wait);

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        Assert.That(() => socket.Connect(endPoint), Throws.InstanceOf<SocketException>(), "nothing listens once the host stopped");
    }

    [Test]
    public async Task A_value_set_through_the_in_process_cache_is_the_same_key_over_resp()
    {
        using var host = BuildHost();
        await host.StartAsync().WaitAsync(s_wait);
        var endPoint = host.Services.GetRequiredService<CacheServerService>().Server.RespEndPoint!;
        var inProcess = host.Services.GetRequiredService<IDistributedCache>();
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{endPoint},abortConnect=false");
        using var stock = new RedisCache(new RedisCacheOptions { Configuration = $"{endPoint},abortConnect=false" });

        await inProcess.SetStringAsync("cart:7", "3 apples", new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(5) });

        Assert.That(inProcess, Is.InstanceOf<CacheStoreDistributedCache>());
        Assert.That((string?)await redis.GetDatabase().HashGetAsync("cart:7", "data"), Is.EqualTo("3 apples"));
        Assert.That(await redis.GetDatabase().KeyTimeToLiveAsync("cart:7"), Is.Not.Null.And.GreaterThan(TimeSpan.FromMinutes(4)));
        Assert.That(await stock.GetStringAsync("cart:7"), Is.EqualTo("3 apples"), "the stock Redis IDistributedCache reads it");

        await stock.SetStringAsync("cart:8", "2 pears");
        Assert.That(await inProcess.GetStringAsync("cart:8"), Is.EqualTo("2 pears"), "and the in-process one reads the stock one's");

        await host.StopAsync().WaitAsync(s_wait);
    }

    private static IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddReactiveCache(options =>
            options.Server = new CacheServerOptions { Port = 0, RespPort = 0, MemcachedPort = 0 });
        return builder.Build();
    }
}
