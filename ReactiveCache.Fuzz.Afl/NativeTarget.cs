using System.Reactive.Concurrency;
using ReactiveCache.Commands.Native;
using ReactiveCache.Commands;
using ReactiveCache.Protocols.Native;

namespace ReactiveCache.Fuzz.Afl;

/// <summary>LineFramer and NativeParser, then NativeSession against a fresh store.</summary>
internal sealed class NativeTarget : ITarget
{
    private static readonly NativeProtocol s_protocol = new(maxLineLength: 64 * 1024);

    public string Run(byte[] input)
    {
        var scheduler = new HistoricalScheduler(DateTimeOffset.UnixEpoch.AddYears(56));
        using var store = new CacheStore(scheduler: scheduler);
        using var session = new NativeSession(store, new ServerStatistics(scheduler.Now), new ServerAccess());
        return ConnectionReplay.Run(input, s_protocol, s_protocol.CreateFramer(), session);
    }
}
