using Microsoft.Reactive.Testing;
using NUnit.Framework;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// The store core's blocked waits, in virtual time, through the in-process BLPOP (<see cref="CacheStore.BlockingPopLeft"/>):
/// a wait is served inside the write that made its key ready (the push and the pop are one batch), first come first
/// served, after the outermost edit of a nested write, never for a wait that was given up, and ends empty at its timeout.
/// </summary>
public sealed class BlockedWaitSpecs
{
    private readonly TestScheduler _clock = new();
    private CacheStore _store = null!;

    [SetUp]
    public void Open() => _store = new CacheStore(new CacheStoreOptions(), _clock);

    [TearDown]
    public void Close() => _store.Dispose();

    private (List<KeyValuePair<string, string>> Popped, Func<bool> Completed, IDisposable Subscription) Wait(TimeSpan timeout, params string[] keys)
    {
        var popped = new List<KeyValuePair<string, string>>();
        var completed = false;
        var subscription = _store.BlockingPopLeft(timeout, keys).Subscribe(popped.Add, () => completed = true);
        return (popped, () => completed, subscription);
    }

    [Test]
    public void The_push_and_the_pop_that_serves_a_waiting_client_are_one_batch()
    {
        var batches = new List<ChangeBatch>();
        using var feed = _store.Connect().Where(batch => !batch.IsSnapshot).Subscribe(batches.Add);
        var (popped, completed, subscription) = Wait(TimeSpan.Zero, "queue");
        using var _ = subscription;

        _store.PushRight("queue", "job");

        Assert.That(popped, Is.EqualTo(new[] { KeyValuePair.Create("queue", "job") }));
        Assert.That(completed(), Is.True);
        Assert.That(batches, Has.Count.EqualTo(1), "push and pop commit together");
        var changes = batches[0].Changes;
        Assert.That(changes.Select(change => change.Reason), Is.EqualTo(new[] { ChangeReason.ListPushRight, ChangeReason.ListPopLeft }));
        Assert.That(changes[1].Kind, Is.EqualTo(ChangeKind.Removed), "the list the pop emptied goes in the same change");
        Assert.That(_store.ListLength("queue"), Is.Zero);
    }

    [Test]
    public void Waiting_clients_are_served_first_come_first_served()
    {
        var first = Wait(TimeSpan.Zero, "queue");
        var second = Wait(TimeSpan.Zero, "other", "queue");
        var third = Wait(TimeSpan.Zero, "queue");

        _store.PushRight("queue", "a", "b");

        Assert.That(first.Popped.Single().Value, Is.EqualTo("a"));
        Assert.That(second.Popped.Single(), Is.EqualTo(KeyValuePair.Create("queue", "b")));
        Assert.That(third.Completed(), Is.False, "two elements serve two clients");

        _store.PushRight("other", "c");
        Assert.That(third.Completed(), Is.False, "the second client stopped waiting on every key when it was served");
        Assert.That(_store.ListRange("other"), Is.EqualTo(new[] { "c" }));
        third.Subscription.Dispose();
    }

    [Test]
    public void A_wait_is_served_when_the_outermost_of_nested_writes_ends()
    {
        var (popped, _, subscription) = Wait(TimeSpan.Zero, "queue");
        using var _ = subscription;

        var seenInside = _store.Write(0, static (writer, _) =>
        {
            writer.Push("queue"u8, ["x"u8.ToArray()], left: false);
            writer.Push("queue"u8, ["y"u8.ToArray()], left: false);
            return writer.TryGetList("queue"u8, out var _entry, out var list) ? list.Count : 0;
        });

        Assert.That(seenInside, Is.EqualTo(2), "nothing is popped while the write runs (as EXEC's queue runs whole)");
        Assert.That(popped.Single().Value, Is.EqualTo("x"));
        Assert.That(_store.ListRange("queue"), Is.EqualTo(new[] { "y" }));
    }

    [Test]
    public void A_wait_ends_empty_at_its_timeout_on_the_store_clock()
    {
        var (popped, completed, subscription) = Wait(TimeSpan.FromSeconds(1.5), "queue");
        using var _ = subscription;

        _clock.AdvanceBy(TimeSpan.FromMilliseconds(1499).Ticks);
        Assert.That(completed(), Is.False);
        _clock.AdvanceBy(TimeSpan.FromMilliseconds(1).Ticks);
        Assert.That(completed(), Is.True);
        Assert.That(popped, Is.Empty);

        _store.PushRight("queue", "late");
        Assert.That(_store.ListRange("queue"), Is.EqualTo(new[] { "late" }), "a timed-out wait pops nothing");
    }

    [Test]
    public void A_wait_given_up_pops_nothing_and_the_next_in_line_is_served()
    {
        var gone = Wait(TimeSpan.Zero, "queue");
        var next = Wait(TimeSpan.Zero, "queue");
        gone.Subscription.Dispose();

        _store.PushRight("queue", "job");

        Assert.That(gone.Popped, Is.Empty);
        Assert.That(next.Popped.Single().Value, Is.EqualTo("job"));
    }

    [Test]
    public void A_key_of_another_type_keeps_its_waits_waiting()
    {
        var (popped, completed, subscription) = Wait(TimeSpan.Zero, "queue");
        using var _ = subscription;

        _store.Set("queue", "a string");
        Assert.That(completed(), Is.False);

        _store.Delete("queue");
        _store.PushLeft("queue", "job");
        Assert.That(popped.Single().Value, Is.EqualTo("job"));
    }

    [Test]
    public void An_element_already_there_is_popped_at_once_without_waiting()
    {
        _store.PushRight("second", "ready");
        var (popped, completed, subscription) = Wait(TimeSpan.FromSeconds(1), "first", "second");
        using var _ = subscription;

        Assert.That(completed(), Is.True);
        Assert.That(popped.Single(), Is.EqualTo(KeyValuePair.Create("second", "ready")));
    }
}
