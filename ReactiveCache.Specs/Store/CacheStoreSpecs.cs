using Microsoft.Reactive.Testing;
using NUnit.Framework;

namespace ReactiveCache.Specs.Store;

public sealed class CacheStoreSpecs : ReactiveTest
{
    private static readonly long s_second = TimeSpan.TicksPerSecond;

    [Test]
    public void Reads_back_what_was_set_and_forgets_what_was_deleted()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());

        store.Set("greeting", "hello");
        var before = store.Get("greeting");
        var deleted = store.Delete("greeting");

        Assert.That(before, Is.EqualTo("hello"));
        Assert.That(deleted, Is.True);
        Assert.That(store.Get("greeting"), Is.Null);
        Assert.That(store.Delete("greeting"), Is.False);
    }

    [Test]
    public void Publishes_expired_at_the_exact_virtual_time_the_key_is_due()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(scheduler: scheduler);
        // The store keeps time in whole milliseconds, as Redis does.
        var setAt = TimeSpan.TicksPerMillisecond;
        scheduler.ScheduleAbsolute(setAt, () => store.Set("session", "abc", TimeSpan.FromSeconds(10)));

        var changes = scheduler.Start(
            () => store.Changes.Select(change => $"{change.Kind} {change.KeyText}"),
            created: 0, subscribed: 50, disposed: 20 * s_second);

        changes.Messages.AssertEqual(
            OnNext(setAt, "Added session"),
            OnNext(setAt + (10 * s_second), "Expired session"));
        Assert.That(store.Count, Is.Zero);
    }

    [Test]
    public void Keeps_the_key_until_the_last_tick_before_it_is_due()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(scheduler: scheduler);
        store.Set("session", "abc", TimeSpan.FromSeconds(1));

        scheduler.AdvanceTo(s_second - 1);
        var justBefore = store.Get("session");
        scheduler.AdvanceTo(s_second);

        Assert.That(justBefore, Is.EqualTo("abc"));
        Assert.That(store.Get("session"), Is.Null);
    }

    [Test]
    public void Does_not_expire_a_key_whose_time_to_live_was_replaced_by_a_plain_set()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(scheduler: scheduler);
        store.Set("k", "short-lived", TimeSpan.FromSeconds(1));
        store.Set("k", "forever");

        scheduler.AdvanceTo(10 * s_second);

        Assert.That(store.Get("k"), Is.EqualTo("forever"));
        Assert.That(store.TimeToLive("k"), Is.Null);
    }

    [Test]
    public void Expires_at_the_later_time_when_the_time_to_live_is_extended()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(scheduler: scheduler);
        var expiredAt = new List<long>();
        using var subscription = store.Changes.Where(change => change.Kind == ChangeKind.Expired).Subscribe(_ => expiredAt.Add(scheduler.Clock));
        store.Set("k", "v", TimeSpan.FromSeconds(1));
        store.Expire("k", TimeSpan.FromSeconds(5));

        scheduler.AdvanceTo(10 * s_second);

        Assert.That(expiredAt, Is.EqualTo(new[] { 5 * s_second }));
    }

    [Test]
    public void Expires_many_keys_due_at_once_in_bounded_batches()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(new CacheStoreOptions { MaxExpiriesPerTick = 10 }, scheduler);
        var batches = new List<int>();
        using var subscription = store.ChangesSince(0).Where(batch => batch.Changes.All(change => change.Kind == ChangeKind.Expired)).Subscribe(batch => batches.Add(batch.Changes.Count));
        for (var i = 0; i < 25; i++)
        {
            store.Set($"k{i}", "v", TimeSpan.FromSeconds(1));
        }

        scheduler.AdvanceTo(2 * s_second);

        Assert.That(batches, Is.EqualTo(new[] { 10, 10, 5 }));
        Assert.That(store.Count, Is.Zero);
    }

    [Test]
    public void Expires_lazily_on_read_too()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(scheduler: scheduler);
        store.Set("k", "v", TimeSpan.FromSeconds(1));

        // Move the clock without running the timer: only a read can notice the key is due.
        scheduler.Sleep(2 * s_second);

        Assert.That(store.Get("k"), Is.Null);
        Assert.That(store.Count, Is.Zero);
    }

    [Test]
    public void Lists_the_keys_that_match_a_glob()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        foreach (var key in new[] { "user:1", "user:2", "order:1", "user:10" })
        {
            store.Set(key, "x");
        }

        Assert.That(store.Keys("user:?"), Is.EquivalentTo(new[] { "user:1", "user:2" }));
        Assert.That(store.Keys("*:1*"), Is.EquivalentTo(new[] { "user:1", "order:1", "user:10" }));
    }

    [Test]
    public void Stays_consistent_under_concurrent_writers()
    {
        using var store = new CacheStore();
        var sequences = new List<long>();
        using var subscription = store.Changes.Subscribe(change => sequences.Add(change.Sequence));

        Parallel.For(0, 8, writer =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                store.Set($"w{writer}:{i % 50}", i.ToString());
            }
        });

        Assert.That(store.Count, Is.EqualTo(8 * 50));
        Assert.That(store.LastSequence, Is.EqualTo(16_000));
        Assert.That(sequences, Is.EqualTo(Enumerable.Range(1, 16_000).Select(i => (long)i)));
    }
}
