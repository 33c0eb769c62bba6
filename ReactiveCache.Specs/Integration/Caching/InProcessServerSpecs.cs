using System.Threading.Channels;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Hosting;

namespace ReactiveCache.Specs.Integration.Caching;

/// <summary>
/// docs/aspnet-core.md's "Hosting the server in the app": the server a singleton on a free port, the Redis cache
/// options reading that port from it, and the store's change stream showing what HybridCache wrote.
/// </summary>
[Category("Integration")]
public sealed class InProcessServerSpecs : ReactiveTest
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task The_change_stream_shows_what_HybridCache_wrote_through_the_servers_own_port()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(provider => CacheServer.Start(
            new CacheServerOptions { Port = null, MemcachedPort = null, RespPort = 0 },
            loggerFactory: provider.GetRequiredService<ILoggerFactory>()));
        services.AddStackExchangeRedisCache(options => options.InstanceName = CacheApp.InstanceName);
        services.AddOptions<RedisCacheOptions>()
            .Configure<CacheServer>((options, server) => options.Configuration = server.RespEndPoint!.ToString());
        services.AddHybridCache();
        await using var provider = services.BuildServiceProvider();
        var changedKeys = Channel.CreateUnbounded<string>();
        using var subscription = provider.GetRequiredService<CacheServer>().Store.Connect("shop:*")
            .SelectMany(batch => batch.Changes)
            .Subscribe(change => changedKeys.Writer.TryWrite(change.KeyText), error => changedKeys.Writer.TryComplete(error));

        var price = await provider.GetRequiredService<HybridCache>().GetOrCreateAsync("price:1", _ => ValueTask.FromResult("9.99"));

        Assert.That(price, Is.EqualTo("9.99"));
        Assert.That(await changedKeys.Reader.ReadAsync().AsTask().WaitAsync(s_wait), Is.EqualTo("shop:price:1"));
    }
}
