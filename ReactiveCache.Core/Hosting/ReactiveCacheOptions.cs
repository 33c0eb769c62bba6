using System.Reactive.Concurrency;

namespace ReactiveCache.Hosting;

/// <summary>What <see cref="ReactiveCacheServiceCollectionExtensions.AddReactiveCache"/> builds: the server's options and the store's clock.</summary>
public sealed class ReactiveCacheOptions
{
    /// <summary>
    /// Ports, limits and the store's options (<see cref="CacheServerOptions.Store"/>). As in <see cref="CacheServerOptions"/>,
    /// a port of 0 binds any free port and <c>null</c> turns that listener off; with every port <c>null</c> the host
    /// gets the store and the <c>IDistributedCache</c> without any socket.
    /// </summary>
    public CacheServerOptions Server { get; set; } = new();

    /// <summary>The store's clock and timer; <see cref="System.Reactive.Concurrency.Scheduler.Default"/> when <c>null</c> (a <c>TestScheduler</c> in specs).</summary>
    public IScheduler? Scheduler { get; set; }
}
