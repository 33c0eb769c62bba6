using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>A Redis server without sockets on a virtual clock, and one connected client, fresh for every spec.</summary>
public abstract class RedisSessionSpec : ReactiveTest
{
    private protected RedisHarness Redis { get; private set; } = null!;

    private protected RedisHarness.Client Client { get; private set; } = null!;

    [SetUp]
    public void Connect()
    {
        Redis = new RedisHarness();
        Client = Redis.Connect();
    }

    [TearDown]
    public void Disconnect() => Redis.Dispose();
}
