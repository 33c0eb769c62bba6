using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>
/// What switches a store subscription on or off (WATCH, UNWATCH, CONFIG SET notify-keyspace-events) runs under the
/// store's lock, taken first: made from several threads at once, inside EXEC (which holds that lock) and outside it,
/// the switches all finish and their last state wins — nothing left watched, nothing left subscribed to the store.
/// </summary>
public sealed class SubscriptionLockOrderSpecs
{
    private const int Rounds = 300;
    private static readonly TimeSpan s_deadlockWait = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Concurrent_switches_inside_and_outside_EXEC_finish_and_leave_nothing_subscribed()
    {
        using var redis = new RedisHarness();
        var clients = Enumerable.Range(0, 4).Select(_ => redis.Connect()).ToArray();

        // Inside EXEC (under the store's lock) and outside it, on four threads at once.
        var running = new[]
        {
            Task.Run(() => Repeat(clients[0], ["WATCH", "x"], ["MULTI"], ["UNWATCH"], ["SET", "x", "2"], ["EXEC"])),
            Task.Run(() => Repeat(clients[1], ["WATCH", "x"], ["SET", "x", "1"], ["UNWATCH"])),
            Task.Run(() => Repeat(clients[2], ["MULTI"], ["CONFIG", "SET", "notify-keyspace-events", "KEA"], ["SET", "x", "2"], ["EXEC"])),
            Task.Run(() => Repeat(clients[3], ["CONFIG", "SET", "notify-keyspace-events", ""], ["SET", "y", "1"])),
        };
        await Task.WhenAll(running).WaitAsync(s_deadlockWait);

        clients[0].Send("UNWATCH");
        clients[1].Send("UNWATCH");
        clients[2].Send("CONFIG", "SET", "notify-keyspace-events", "");
        Assert.That(redis.Server.Watches.WatchedKeyCount, Is.Zero);
        Assert.That(redis.Store.SubscriberCount, Is.Zero);
    }

    private static void Repeat(RedisHarness.Client client, params string[][] commands)
    {
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var command in commands)
            {
                client.Send(command);
            }
        }
    }
}
