using System.Reactive.Concurrency;
using ReactiveCache.Commands;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Fuzz;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Fuzz.Afl;

/// <summary>RespFramer (multibulk and inline), then RedisSession's command table against fresh databases.</summary>
internal sealed class RespTarget : ITarget
{
    private static readonly RespProtocol s_protocol = new(RespLimits.Default);

    public string Run(byte[] input)
    {
        // Virtual time that never moves: expiry is scheduled but never fires, so a run depends on its input alone.
        var scheduler = new HistoricalScheduler(DateTimeOffset.UnixEpoch.AddYears(56));
        using var store = new CacheStore(scheduler: scheduler);
        var settings = new RedisSettings { Databases = 16, Port = 6379, Bind = "127.0.0.1" };
        using var server = new RedisServer(store, settings, new ServerStatistics(scheduler.Now), requestShutdown: () => { });
        using var session = server.OpenSession();
        return ConnectionReplay.Run(input, s_protocol, s_protocol.CreateFramer(session), session);
    }
}
