using System.Reactive.Concurrency;
using ReactiveCache.Commands;
using ReactiveCache.Commands.Memcached;
using ReactiveCache.Protocols.Memcached;

namespace ReactiveCache.Fuzz.Afl;

/// <summary>MemcachedFramer, MemcachedParser and MetaParser, then MemcachedSession against a fresh store.</summary>
internal sealed class MemcachedTarget : ITarget
{
    private const int MaxLineLength = 64 * 1024;
    private const int MaxItemSize = 1024 * 1024;

    private static readonly MemcachedProtocol s_protocol = new(MaxLineLength, MaxItemSize);

    public string Run(byte[] input)
    {
        var scheduler = new HistoricalScheduler(DateTimeOffset.UnixEpoch.AddYears(56));
        using var store = new CacheStore(scheduler: scheduler);
        using var delayedFlush = new DelayedFlush(store);
        var settings = new MemcachedSettings(MaxItemSize, MaxClients: 10_000, Port: 11211, MaxLineLength);
        using var session = new MemcachedSession(store, new MemcachedStatistics(), new ServerStatistics(scheduler.Now), settings, delayedFlush, new ServerAccess());
        return ConnectionReplay.Run(input, s_protocol, s_protocol.CreateFramer(), session);
    }
}
