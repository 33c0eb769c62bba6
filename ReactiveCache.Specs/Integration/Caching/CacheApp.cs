using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Caching;

/// <summary>
/// One instance of an application that caches through the stock .NET packages, configured with nothing but the
/// server's connection string: two of these against one server are two app instances sharing their cache.
/// </summary>
internal sealed class CacheApp : IAsyncDisposable
{
    public const string InstanceName = "shop:";

    private readonly ServiceProvider _services;

    private CacheApp(ServiceProvider services) => _services = services;

    /// <summary>The Redis-backed IDistributedCache, which HybridCache also uses as its second level.</summary>
    public IDistributedCache Distributed => _services.GetRequiredService<IDistributedCache>();

    public HybridCache Hybrid => _services.GetRequiredService<HybridCache>();

    public static CacheApp Start(RedisTarget target)
    {
        var services = new ServiceCollection();
        services.AddStackExchangeRedisCache(options =>
        {
            options.Configuration = target.Configuration;
            options.InstanceName = InstanceName;
        });
        services.AddHybridCache();
        return new CacheApp(services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
