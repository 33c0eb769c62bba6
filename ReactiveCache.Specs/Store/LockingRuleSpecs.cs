using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;
using ReactiveCache.Changes;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// The store's locking rule (docs/architecture.md): one lock for every database of a server, nested writes join
/// the outermost one, and the outermost commits one batch and delivers it after the lock is released.
/// </summary>
public sealed class LockingRuleSpecs : ReactiveTest
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(60);
    private RedisHarness _redis = null!;

    [SetUp]
    public void Start() => _redis = new RedisHarness();

    [TearDown]
    public void Stop() => _redis.Dispose();

    [Test]
    public async Task Opposite_cross_database_transactions_finish()
    {
        var fromZero = Loop(database: 0, other: 1);
        var fromOne = Loop(database: 1, other: 0);

        await Task.WhenAll(fromZero, fromOne).WaitAsync(s_deadline);

        Assert.That(await fromZero, Is.EqualTo(0), "transactions that did not answer as expected (from db 0)");
        Assert.That(await fromOne, Is.EqualTo(0), "transactions that did not answer as expected (from db 1)");
    }

    [Test]
    public void A_change_subscriber_runs_after_the_lock_is_released_even_inside_EXEC()
    {
        var store = _redis.Store;
        var otherThreadCouldRead = new List<bool>();
        using var subscription = store.Changes.Subscribe(_ =>
            otherThreadCouldRead.Add(Task.Run(() => store.Count).Wait(TimeSpan.FromSeconds(10))));
        var client = _redis.Connect();

        client.Send("MULTI");
        client.Send("SET", "a", "1");
        client.Send("SELECT", "1");
        client.Send("SET", "b", "2");
        client.Send("FLUSHALL");
        var replies = client.Send("EXEC");

        Assert.That(replies, Is.EqualTo("*4\r\n+OK\r\n+OK\r\n+OK\r\n+OK\r\n"));
        Assert.That(otherThreadCouldRead, Is.EqualTo(new[] { true, true }));
    }

    [Test]
    public void A_read_does_not_wait_while_another_thread_delivers_to_a_slow_subscriber()
    {
        var store = _redis.Store;
        using var delivering = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var subscription = store.Changes.Subscribe(_ =>
        {
            delivering.Set();
            release.Wait(s_deadline);
        });
        var write = Task.Run(() => store.Set("a", "1"));
        Assert.That(delivering.Wait(s_deadline), Is.True, "the writer's thread is delivering");

        var read = Task.Run(() => store.Get("a"));
        var readFinished = read.Wait(TimeSpan.FromSeconds(10));
        var writeFinished = write.IsCompleted;
        release.Set();

        Assert.That(readFinished, Is.True, "the read handed nothing over, so it did not wait for the delivery");
        Assert.That(read.Result, Is.EqualTo("1"));
        Assert.That(writeFinished, Is.False, "the write is acknowledged only once its change is delivered");
        Assert.That(write.Wait(s_deadline), Is.True);
    }

    [Test]
    public void A_big_batch_is_delivered_whole_in_order_with_its_changes_made_after_the_lock()
    {
        var store = _redis.Store;
        var keys = Enumerable.Range(0, 5000).Select(i => $"k{i}").ToArray();
        var batches = new List<ChangeBatch>();
        var underLock = new List<bool>();
        using var subscription = store.ChangesSince(store.LastSequence).Subscribe(batch =>
        {
            batches.Add(batch);
            underLock.Add(!Task.Run(() => store.Count).Wait(TimeSpan.FromSeconds(10)));
        });

        _redis.Connect().Send(["MSET", .. keys.SelectMany(key => new[] { key, "v" })]);

        var mset = batches.Single();
        Assert.That(mset.Changes, Has.Count.GreaterThan(ChangeFeed.BuiltAtDelivery));
        Assert.That(mset.Changes.Select(change => change.Sequence), Is.Ordered.And.Unique);
        Assert.That(mset.Changes.Select(change => change.KeyText), Is.EqualTo(keys));
        Assert.That(mset.Sequence, Is.EqualTo(mset.Changes[^1].Sequence));
        Assert.That(underLock, Is.All.False, "delivered, and its changes made, after the lock was released");
    }

    [Test]
    public void A_transaction_is_one_batch_in_one_sequence_across_databases()
    {
        var batches = new List<ChangeBatch>();
        using var zero = _redis.Store.ChangesSince(0).Subscribe(batches.Add);
        var client = _redis.Connect();
        client.Send("SET", "a", "1");

        client.Send("MULTI");
        client.Send("SET", "b", "2");
        client.Send("SELECT", "1");
        client.Send("SET", "c", "3");
        client.Send("SELECT", "0");
        client.Send("DEL", "a");
        client.Send("EXEC");

        Assert.That(batches.Select(Describe), Is.EqualTo(new[] { "1:Added a", "2:Added b 4:Removed a" }),
            "database 0 sees its own changes of the transaction as one batch; sequence 3 went to database 1");
        Assert.That(_redis.Server.Databases[1].LastSequence, Is.EqualTo(4), "one sequence for every database");
    }

    [Test]
    public void FLUSHALL_is_one_batch_with_one_Cleared_change_per_database_that_had_keys()
    {
        var changes = new List<CacheChange>();
        var one = _redis.Server.Databases[1];
        using var subscription = one.Changes.Subscribe(changes.Add);
        var client = _redis.Connect();
        client.Send("SET", "a", "1");
        client.Send("SELECT", "1");
        client.Send("SET", "b", "2");

        client.Send("FLUSHALL");

        Assert.That(changes.Select(change => $"{change.Sequence}:{change.Kind} {change.KeyText}@{change.Database}"),
            Is.EqualTo(new[] { "2:Added b@1", "4:Cleared @1" }), "database 0's Cleared took sequence 3");
    }

    [Test]
    public void MOVE_takes_a_key_to_another_database_in_one_step()
    {
        var client = _redis.Connect();
        client.Send("SET", "a", "1", "EX", "100");

        Assert.That(client.Send("MOVE", "a", "1"), Is.EqualTo(":1\r\n"));
        Assert.That(client.Send("EXISTS", "a"), Is.EqualTo(":0\r\n"));
        Assert.That(client.Send("MOVE", "a", "1"), Is.EqualTo(":0\r\n"));
        Assert.That(client.Send("MOVE", "a", "0"), Is.EqualTo("-ERR source and destination objects are the same\r\n"));
        Assert.That(client.Send("MOVE", "a", "99"), Is.EqualTo("-ERR DB index is out of range\r\n"));
        Assert.That(client.Send("MOVE", "a", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        client.Send("SELECT", "1");
        Assert.That(client.Send("TTL", "a"), Is.EqualTo(":100\r\n"));
        client.Send("SET", "b", "here");
        client.Send("SELECT", "0");
        client.Send("SET", "b", "there");
        Assert.That(client.Send("MOVE", "b", "1"), Is.EqualTo(":0\r\n"), "an existing key in the target is not overwritten");
    }

    private static string Describe(ChangeBatch batch) =>
        string.Join(" ", batch.Changes.Select(change => $"{change.Sequence}:{change.Kind} {change.KeyText}"));

    // One client's loop of transactions that each touch its own database and the other one.
    private Task<int> Loop(int database, int other) => Task.Run(() =>
    {
        var client = _redis.Connect();
        client.Send("SELECT", database.ToString());
        var unexpected = 0;
        for (var i = 0; i < 20_000; i++)
        {
            client.Send("SET", "a", i.ToString());
            client.Send("MULTI");
            client.Send("COPY", "a", "b", "DB", other.ToString(), "REPLACE");
            client.Send("SELECT", other.ToString());
            client.Send("SET", "c", "1");
            client.Send("SELECT", database.ToString());
            if (i % 100 == 0)
            {
                client.Send("FLUSHALL");
            }

            unexpected += client.Send("EXEC").StartsWith('*') ? 0 : 1;
        }

        return unexpected;
    });
}
