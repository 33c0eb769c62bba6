using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// A flush is one <see cref="ChangeKind.Cleared"/> change per database, whatever the number of keys (docs/architecture.md,
/// the one exception to "one change per key"): constant work under the lock, as Redis's FLUSHALL ASYNC. Everything that
/// follows the change stream reads it as "every key went": replay, Redis's WATCH, the native WATCH, the filtered streams.
/// </summary>
public sealed class FlushSpecs : ReactiveTest
{
    [Test]
    public void A_flush_of_many_keys_is_one_Cleared_change_that_gives_back_all_their_memory()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        for (var i = 0; i < 5000; i++)
        {
            store.Set($"k{i}", "value", i % 2 == 0 ? TimeSpan.FromMinutes(1) : null);
        }

        store.PushRight("queue", "a", "b");
        var changes = new List<CacheChange>();
        using var subscription = store.Changes.Subscribe(changes.Add);

        var removed = store.Flush();

        Assert.That(removed, Is.EqualTo(5001));
        Assert.That(changes.Select(change => (change.Kind, change.Reason, change.Operations, change.KeyText)),
            Is.EqualTo(new[] { (ChangeKind.Cleared, ChangeReason.Flush, ChangeOperations.DatabaseCleared, "") }));
        Assert.That(store.Count, Is.Zero);
        Assert.That(store.UsedMemory, Is.Zero, "every footprint went back to the budget at once");
        Assert.That(store.Flush(), Is.Zero, "an empty database");
        Assert.That(changes, Has.Count.EqualTo(1), "flushing an empty database records nothing");

        store.Set("k1", "again");
        Assert.That(store.Get("k1"), Is.EqualTo("again"));
    }

    [Test]
    public void Replaying_a_flush_clears_the_copy_and_what_follows_rebuilds_it()
    {
        var scheduler = new TestScheduler();
        using var source = new CacheStore(scheduler: scheduler);
        using var copy = new CacheStore(scheduler: scheduler);
        using var replay = source.Changes.Subscribe(copy.Apply);
        source.Set("a", "1");
        source.AddMembers("tags", "x", "y");

        source.Flush();
        source.Set("b", "2");

        Assert.That(copy.Count, Is.EqualTo(1));
        Assert.That(copy.Get("a"), Is.Null);
        Assert.That(copy.Get("b"), Is.EqualTo("2"));
        Assert.That(copy.UsedMemory, Is.EqualTo(source.UsedMemory));
    }

    [Test]
    public void The_key_and_pattern_streams_pass_a_flush_on()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        store.Set("user:1", "Ada");
        var watched = new List<CacheChange>();
        var connected = new List<ChangeBatch>();
        using var key = store.Watch("user:1").Subscribe(watched.Add);
        using var pattern = store.Connect("user:*").Subscribe(connected.Add);

        store.Flush();

        Assert.That(watched.Select(change => change.Kind), Is.EqualTo(new[] { ChangeKind.Added, ChangeKind.Cleared }));
        Assert.That(connected.Skip(1).SelectMany(batch => batch.Changes).Select(change => change.Kind), Is.EqualTo(new[] { ChangeKind.Cleared }));
    }

    [Test]
    public void A_native_watcher_gets_one_flushed_line_with_its_pattern()
    {
        using var native = new NativeHarness();
        native.Send("PUT user:1 Ada", "PUT user:2 Bob", "PUT other x");
        native.Send("WATCH user:*");
        var offset = native.Client.ReceivedLength;

        native.Store.Flush();

        SpinWait.SpinUntil(() => native.ReceivedSince(offset).Contains('\n'), TimeSpan.FromSeconds(10));
        Assert.That(native.ReceivedSince(offset), Is.EqualTo("CHANGE 4 flushed user:*\r\n"));
    }

    [Test]
    public void FLUSHALL_touches_the_watched_keys_that_existed_and_not_those_that_did_not()
    {
        // Redis 7.0.15's touchAllWatchedKeysInDb: only a watched key the flush finds is touched.
        using var redis = new RedisHarness();
        var existing = redis.Connect();
        var missing = redis.Connect();
        existing.Send("SET", "k", "v");
        existing.Send("WATCH", "k");
        missing.Send("WATCH", "absent");
        existing.Send("MULTI");
        missing.Send("MULTI");

        redis.Connect().Send("FLUSHALL");

        Assert.That(existing.Send("EXEC"), Is.EqualTo("*-1\r\n"), "the watched key was flushed: EXEC aborts");
        Assert.That(missing.Send("EXEC"), Is.EqualTo("*0\r\n"), "nothing the flush found was watched");
    }
}
