using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReactiveCache.Hosting;

/// <summary>Registers ReactiveCache with Microsoft.Extensions.DependencyInjection and a generic host.</summary>
public static class ReactiveCacheServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="CacheStore"/> (a singleton the host disposes), the server over it as a hosted service
    /// (<see cref="CacheServerService"/>) and an <see cref="IDistributedCache"/> over the same store
    /// (<see cref="CacheStoreDistributedCache"/>, replacing one registered before).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configure">Sets ports, limits and the store's clock; the defaults are the console's (7379, 6379, 11211).</param>
    public static IServiceCollection AddReactiveCache(this IServiceCollection services, Action<ReactiveCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ReactiveCacheOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(CreateStore);
        services.TryAddSingleton<CacheServerService>();
        services.AddHostedService(provider => provider.GetRequiredService<CacheServerService>());
        services.Replace(ServiceDescriptor.Singleton<IDistributedCache, CacheStoreDistributedCache>());
        return services;
    }

    private static CacheStore CreateStore(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<ReactiveCacheOptions>>().Value;
        var logger = provider.GetService<ILoggerFactory>()?.CreateLogger<CacheStore>();
        return new CacheStore(options.Server.Store, options.Scheduler, logger);
    }
}
