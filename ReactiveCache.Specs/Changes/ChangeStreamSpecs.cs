using System.Reactive.Linq;
using ReactiveCache.Changes;
using Microsoft.Reactive.Testing;
using NUnit.Framework;

namespace ReactiveCache.Specs.Changes;

public sealed class ChangeStreamSpecs : ReactiveTest
{
    [Test]
    public void Publishes_every_mutation_once_with_increasing_sequence_numbers()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(scheduler: scheduler);
        scheduler.ScheduleAbsolute(100, () => store.Set("before", "ignored"));
        scheduler.ScheduleAbsolute(210, () => store.Set("a", "1"));
        scheduler.ScheduleAbsolute(220, () => store.Set("a", "2"));
        scheduler.ScheduleAbsolute(230, () => store.Delete("a"));
        scheduler.ScheduleAbsolute(240, () => store.Delete("a"));
        scheduler.ScheduleAbsolute(1100, () => store.Set("after", "ignored"));

        var changes = scheduler.Start(() => store.Changes.Select(Describe));

        changes.Messages.AssertEqual(
            OnNext(210, "2 Added a=1"),
            OnNext(220, "3 Updated a=2"),
            OnNext(230, "4 Removed a="));
    }

    [Test]
    public void Connect_starts_with_a_snapshot_of_matching_keys_then_only_their_changes()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(scheduler: scheduler);
        store.Set("user:1", "ann");
        store.Set("order:1", "book");
        scheduler.ScheduleAbsolute(210, () => store.Set("user:2", "bob"));
        scheduler.ScheduleAbsolute(220, () => store.Set("order:2", "pen"));
        scheduler.ScheduleAbsolute(230, () => store.Delete("user:1"));

        var batches = scheduler.Start(() => store.Connect("user:*").Select(DescribeBatch));

        batches.Messages.AssertEqual(
            OnNext(200, "snapshot@2 [1 Added user:1=ann]"),
            OnNext(210, "@3 [3 Added user:2=bob]"),
            OnNext(230, "@5 [5 Removed user:1=]"));
    }

    [Test]
    public void Connect_loses_and_repeats_nothing_while_writers_race_the_subscription()
    {
        using var store = new CacheStore();
        using var writersDone = new CountdownEvent(4);
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                store.Set($"w{writer}:{i % 100}", i.ToString());
            }

            writersDone.Signal();
        })).ToArray();
        var mirror = new Dictionary<string, string>();
        var lastSequence = 0L;
        var ordered = true;

        using (store.Connect().Subscribe(batch =>
        {
            foreach (var change in batch.Changes)
            {
                ordered &= batch.IsSnapshot || change.Sequence > lastSequence;
                mirror[change.KeyText] = change.ValueText!;
            }

            lastSequence = batch.Sequence;
        }))
        {
            Task.WaitAll(writers);
        }

        Assert.That(ordered, Is.True);
        Assert.That(mirror, Is.EquivalentTo(store.Keys().ToDictionary(key => key, key => store.Get(key)!)));
        Assert.That(lastSequence, Is.EqualTo(store.LastSequence));
    }

    [Test]
    public void Watch_of_one_key_starts_with_its_current_value()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(scheduler: scheduler);
        store.Set("config", "v1");
        scheduler.ScheduleAbsolute(210, () => store.Set("other", "x"));
        scheduler.ScheduleAbsolute(220, () => store.Set("config", "v2"));
        scheduler.ScheduleAbsolute(230, () => store.Delete("config"));

        var changes = scheduler.Start(() => store.Watch("config").Select(Describe));

        changes.Messages.AssertEqual(
            OnNext(200, "1 Added config=v1"),
            OnNext(220, "3 Updated config=v2"),
            OnNext(230, "4 Removed config="));
    }

    [Test]
    public void ChangesSince_replays_from_the_buffer_then_continues_live()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(scheduler: scheduler);
        store.Set("a", "1");
        store.Set("b", "2");
        store.Set("c", "3");
        scheduler.ScheduleAbsolute(210, () => store.Set("d", "4"));

        var batches = scheduler.Start(() => store.ChangesSince(1).Select(DescribeBatch));

        batches.Messages.AssertEqual(
            OnNext(200, "@3 [2 Added b=2, 3 Added c=3]"),
            OnNext(210, "@4 [4 Added d=4]"));
    }

    [Test]
    public void ChangesSince_a_sequence_from_the_future_replays_nothing_and_continues_live()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(new CacheStoreOptions { ReplayBufferSize = 2 }, scheduler);
        store.Set("a", "1");
        store.Set("b", "2");
        store.Set("c", "3");
        scheduler.ScheduleAbsolute(210, () => store.Set("d", "4"));

        var batches = scheduler.Start(() => store.ChangesSince(long.MaxValue).Select(DescribeBatch));

        batches.Messages.AssertEqual(OnNext(210, "@4 [4 Added d=4]"));
    }

    [Test]
    public void ChangesSince_says_which_changes_left_the_replay_buffer()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(new CacheStoreOptions { ReplayBufferSize = 2 }, scheduler);
        foreach (var key in new[] { "a", "b", "c", "d", "e" })
        {
            store.Set(key, key);
        }

        var batches = scheduler.Start(() => store.ChangesSince(1).Select(DescribeBatch));

        batches.Messages.AssertEqual(
            OnNext(200, "gap 2-3"),
            OnNext(200, "@5 [4 Added d=d, 5 Added e=e]"));
    }

    [Test]
    public void ChangesSince_replays_everything_the_buffer_holds_across_its_growth()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(new CacheStoreOptions { ReplayBufferSize = 3000 }, scheduler);
        for (var i = 1; i <= 5000; i++)
        {
            store.Set($"k{i % 7}", i.ToString());
        }

        var batches = scheduler.Start(() => store.ChangesSince(0).Select(batch => batch.Gap is { } gap
            ? $"gap {gap.From}-{gap.To}"
            : $"{batch.Changes.Count} changes {batch.Changes[0].Sequence}..{batch.Changes[^1].Sequence} last={batch.Changes[^1].ValueText}"));

        batches.Messages.AssertEqual(
            OnNext(200, "gap 1-2000"),
            OnNext(200, "3000 changes 2001..5000 last=5000"));
    }

    [Test]
    public void ChangesSince_drops_the_oldest_changes_first_when_their_values_exceed_the_byte_budget()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(new CacheStoreOptions { ReplayBufferBytes = 3 * (ChangeRecord.Overhead + 1 + 1000) }, scheduler);
        for (var i = 1; i <= 10; i++)
        {
            store.Set("k", new string((char)('a' + i), 1000));
        }

        var batches = scheduler.Start(() => store.ChangesSince(0).Select(batch => batch.Gap is { } gap
            ? $"gap {gap.From}-{gap.To}"
            : string.Join(",", batch.Changes.Select(change => change.Sequence))));

        batches.Messages.AssertEqual(
            OnNext(200, "gap 1-7"),
            OnNext(200, "8,9,10"));
    }

    [Test]
    public void A_subscriber_that_writes_to_another_store_has_that_write_delivered_at_once()
    {
        var scheduler = new TestScheduler();
        using var source = new CacheStore(scheduler: scheduler);
        using var mirror = new CacheStore(scheduler: scheduler);
        var mirrored = new List<string>();
        using var copy = source.Changes.Subscribe(mirror.Apply);
        using var watch = mirror.Changes.Subscribe(change => mirrored.Add($"{change.KeyText}={change.ValueText}"));

        source.Set("k", "v");

        Assert.That(mirrored, Is.EqualTo(new[] { "k=v" }));
    }

    [Test]
    public void Detaches_a_subscriber_that_throws_and_keeps_serving_the_others()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(scheduler: scheduler);
        var healthy = new List<string>();
        using var faulty = store.Changes.Subscribe(_ => throw new InvalidOperationException("subscriber bug"));
        using var good = store.Changes.Subscribe(change => healthy.Add(change.KeyText));

        store.Set("a", "1");
        store.Set("b", "2");

        Assert.That(healthy, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(store.SubscriberCount, Is.EqualTo(1));
        Assert.That(store.Get("b"), Is.EqualTo("2"));
    }

    [Test]
    public void A_subscriber_may_write_to_the_store_from_OnNext_without_deadlock()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        var seen = new List<string>();
        using var echo = store.Changes
            .Where(change => change.KeyText == "ping")
            .Subscribe(_ => store.Set("pong", "1"));
        using var all = store.Changes.Subscribe(change => seen.Add(change.KeyText));

        store.Set("ping", "1");

        Assert.That(seen, Is.EqualTo(new[] { "ping", "pong" }));
    }

    [Test]
    public void Completes_every_stream_when_the_store_is_disposed()
    {
        var scheduler = new TestScheduler();
        var store = new CacheStore(scheduler: scheduler);
        scheduler.ScheduleAbsolute(210, () => store.Set("a", "1"));
        scheduler.ScheduleAbsolute(300, store.Dispose);

        var changes = scheduler.Start(() => store.Changes.Select(Describe));

        changes.Messages.AssertEqual(
            OnNext(210, "1 Added a=1"),
            OnCompleted<string>(300));
    }

    private static string Describe(CacheChange change) => $"{change.Sequence} {change.Kind} {change.KeyText}={change.ValueText}";

    private static string DescribeBatch(ChangeBatch batch) => batch.Gap is { } gap
        ? $"gap {gap.From}-{gap.To}"
        : $"{(batch.IsSnapshot ? "snapshot" : "")}@{batch.Sequence} [{string.Join(", ", batch.Changes.Select(Describe))}]";
}
