using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace ReactiveCache.Changes;

/// <summary>
/// Delivers committed batches to subscribers in sequence order, outside the store's lock.
/// </summary>
/// <remarks>
/// Writers enqueue under the store's lock, so queue order is commit order. After committing, a writer
/// drains the queue under a separate delivery lock, so deliveries are serialized and ordered without a
/// thread of their own, and a write returns only once its batch has been handed to every subscriber
/// (acknowledged means delivered). A subscriber that writes to the store from <c>OnNext</c> only adds to
/// the queue the current drain is emptying (a per-thread list of the feeds being delivered stops the nested drain of the same feed only), and one that reads
/// the store cannot deadlock, because the store's lock is not held during delivery.
/// A snapshot or replay for a new subscriber travels through the same queue, so it is delivered before
/// any batch committed after it and after none committed before it: no gap, no duplicate.
/// </remarks>
internal sealed class ChangeFeed(int replayCapacity, long replayByteBudget, ILogger logger)
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly ReplayBuffer _replay = new(replayCapacity, replayByteBudget);
    // The feeds this thread is delivering for, innermost last: a subscriber of one store may write to another, whose
    // feed must still drain (a flag shared by every feed would leave that write undelivered until its next one).
    [ThreadStatic]
    private static List<ChangeFeed>? t_delivering;

    private readonly Lock _delivery = new();
    private ImmutableArray<ChangeSubscriber> _subscribers = [];

    // Batches enqueued but not yet fully delivered. Not the queue's emptiness: a batch another thread has
    // dequeued and is still delivering must keep its writer waiting, or "acknowledged" would not mean "delivered".
    private long _undelivered;

    // The sequence of the last batch handed to every subscriber: with _undelivered, what Lag reads.
    private long _deliveredSequence;

    public int SubscriberCount => _subscribers.Length;

    /// <summary>
    /// How far the subscribers are behind <paramref name="lastSequence"/>, in changes: 0 when nothing is waiting to be
    /// delivered. Read without any lock, so a figure of a moment.
    /// </summary>
    public long Lag(long lastSequence) =>
        Interlocked.Read(ref _undelivered) == 0 ? 0 : Math.Max(0, lastSequence - Volatile.Read(ref _deliveredSequence));

    /// <summary>How many deliveries were ever queued; read and written under the store's lock.</summary>
    public long Enqueued { get; private set; }

    /// <summary>The bytes the replay buffer holds: its ring and the keys and values its changes keep alive.</summary>
    public long ReplayMemory => _replay.Memory;

    /// <summary>
    /// Called under the store's lock. A batch object is built only when someone will receive it, and for a batch of more
    /// than <see cref="BuiltAtDelivery"/> changes (a SWAPDB, a big MSET, an eviction chunk) its changes are made only when
    /// first read, after the lock: its records are handed over whole (<see cref="ReplayedChanges"/>). Returns whether the
    /// feed took <paramref name="changes"/> (the caller then needs a new list).
    /// </summary>
    public bool Commit(List<ChangeRecord> changes, long lastSequence)
    {
        foreach (var change in changes)
        {
            _replay.Add(change);
        }

        if (_subscribers.IsEmpty)
        {
            return false;
        }

        if (changes.Count > BuiltAtDelivery)
        {
            Enqueue(new Delivery(new ChangeBatch(lastSequence, new ReplayedChanges(changes)), Target: null));
            return true;
        }

        Enqueue(new Delivery(Build(changes, lastSequence), Target: null));
        return false;
    }

    /// <summary>Above this many changes a batch's objects are made at delivery, not under the store's lock.</summary>
    public const int BuiltAtDelivery = 1024;

    private static ChangeBatch Build(List<ChangeRecord> changes, long lastSequence)
    {
        var batch = new CacheChange[changes.Count];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = changes[i].ToChange();
        }

        return new ChangeBatch(lastSequence, batch);
    }

    /// <summary>
    /// Called under the store's lock. The subscriber sees the changes of <paramref name="database"/> only;
    /// <paramref name="first"/> reaches only it, before any later batch.
    /// </summary>
    public ChangeSubscriber Attach(IObserver<ChangeBatch> observer, int database, long attachedAfter, IEnumerable<ChangeBatch> first)
    {
        var subscriber = new ChangeSubscriber(observer, database, attachedAfter, logger);
        if (_subscribers.IsEmpty)
        {
            // Nothing was delivered while nobody listened: the first subscriber is behind by its own first batches only.
            Volatile.Write(ref _deliveredSequence, attachedAfter);
        }

        ImmutableInterlocked.Update(ref _subscribers, static (all, added) => all.Add(added), subscriber);
        foreach (var batch in first)
        {
            Enqueue(new Delivery(batch, subscriber));
        }

        return subscriber;
    }

    /// <summary>Called under the store's lock.</summary>
    public ChangeGap? CopyReplay(long afterSequence, long lastSequence, int database, List<ChangeRecord> into) =>
        _replay.CopyAfter(afterSequence, lastSequence, database, into);

    public void Detach(ChangeSubscriber subscriber)
    {
        subscriber.Dispose();
        ImmutableInterlocked.Update(ref _subscribers, static (all, removed) => all.Remove(removed), subscriber);
    }

    public void Drain()
    {
        if (Interlocked.Read(ref _undelivered) == 0 || (t_delivering?.Contains(this) ?? false))
        {
            return;
        }

        lock (_delivery)
        {
            (t_delivering ??= []).Add(this);
            try
            {
                while (_deliveries.TryDequeue(out var delivery))
                {
                    try
                    {
                        Deliver(delivery);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _undelivered);
                    }
                }
            }
            finally
            {
                t_delivering.Remove(this);
            }
        }
    }

    /// <summary>Completes the subscribers of one database after everything already committed has been delivered.</summary>
    public void Complete(int database)
    {
        // Under the delivery lock, so OnCompleted never overlaps or overtakes an OnNext on another thread.
        lock (_delivery)
        {
            Drain();
            foreach (var subscriber in _subscribers.Where(subscriber => subscriber.EndsWith(database)))
            {
                subscriber.Complete();
                ImmutableInterlocked.Update(ref _subscribers, static (all, removed) => all.Remove(removed), subscriber);
            }
        }
    }

    private void Enqueue(Delivery delivery)
    {
        Enqueued++;
        Interlocked.Increment(ref _undelivered);
        _deliveries.Enqueue(delivery);
    }

    private void Deliver(Delivery delivery)
    {
        if (delivery.Target is { } target)
        {
            target.Deliver(delivery.Batch, targeted: true);
            return;
        }

        foreach (var subscriber in _subscribers)
        {
            subscriber.Deliver(delivery.Batch, targeted: false);
            if (subscriber.IsDetached)
            {
                Detach(subscriber);
            }
        }

        Volatile.Write(ref _deliveredSequence, delivery.Batch.Sequence);
    }

    private readonly record struct Delivery(ChangeBatch Batch, ChangeSubscriber? Target);
}
