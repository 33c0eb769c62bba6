using Microsoft.Reactive.Testing;
using NUnit.Framework;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// What every StackExchange.Redis spec starts from: a fresh <see cref="RedisTarget"/> (a hosted ReactiveCache, or the
/// redis-server REACTIVECACHE_SPECS_REDIS names) and a multiplexer on it speaking <c>protocol</c>, for each spec.
/// </summary>
public abstract class StackExchangeRedisFixture(RedisProtocol protocol = RedisProtocol.Resp3) : ReactiveTest
{
    protected const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";

    /// <summary>The protocol this fixture's multiplexer speaks, for a spec that connects another one.</summary>
    protected RedisProtocol Protocol { get; } = protocol;

    private protected RedisTarget Target { get; private set; } = null!;

    protected ConnectionMultiplexer Multiplexer { get; private set; } = null!;

    protected IDatabase Db { get; private set; } = null!;

    [SetUp]
    public async Task Connect()
    {
        Target = await RedisTarget.StartAsync();
        Multiplexer = await Target.ConnectAsync(Protocol);
        Db = Multiplexer.GetDatabase();
    }

    [TearDown]
    public async Task Disconnect()
    {
        await Multiplexer.DisposeAsync();
        await Target.DisposeAsync();
    }
}
