using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace ReactiveCache.Changes;

/// <summary>
/// Delivers committed batches to subscribers in sequence order, outside the store's lock.
/// </summary>
/// <remarks>
/// Writers enqueue under the store's lock, so queue order is commit order. Whoever finds the feed idle
/// after committing drains the queue; everyone else returns at once. That keeps delivery serialized
/// and ordered without a thread of its own, and a subscriber that reads or writes the store from
/// <c>OnNext</c> cannot deadlock: it only adds to the queue the current drainer is emptying.
/// A snapshot or replay for a new subscriber travels through the same queue, so it is delivered before
/// any batch committed after it and after none committed before it: no gap, no duplicate.
/// </remarks>
internal sealed class ChangeFeed(int replayCapacity, ILogger logger)
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly ReplayBuffer _replay = new(replayCapacity);
    private ImmutableArray<ChangeSubscriber> _subscribers = [];
    private int _draining;

    public int SubscriberCount => _subscribers.Length;

    /// <summary>Called under the store's lock.</summary>
    public void Commit(ChangeBatch batch)
    {
        foreach (var change in batch.Changes)
        {
            _replay.Add(change);
        }

        if (!_subscribers.IsEmpty)
        {
            _deliveries.Enqueue(new Delivery(batch, Target: null));
        }
    }

    /// <summary>Called under the store's lock. <paramref name="first"/> reaches only this subscriber, before any later batch.</summary>
    public ChangeSubscriber Attach(IObserver<ChangeBatch> observer, long attachedAfter, IEnumerable<ChangeBatch> first)
    {
        var subscriber = new ChangeSubscriber(observer, attachedAfter, logger);
        ImmutableInterlocked.Update(ref _subscribers, static (all, added) => all.Add(added), subscriber);
        foreach (var batch in first)
        {
            _deliveries.Enqueue(new Delivery(batch, subscriber));
        }

        return subscriber;
    }

    /// <summary>Called under the store's lock.</summary>
    public ChangeGap? CopyReplay(long afterSequence, long lastSequence, List<CacheChange> into) =>
        _replay.CopyAfter(afterSequence, lastSequence, into);

    public void Detach(ChangeSubscriber subscriber)
    {
        subscriber.Dispose();
        ImmutableInterlocked.Update(ref _subscribers, static (all, removed) => all.Remove(removed), subscriber);
    }

    public void Drain()
    {
        while (!_deliveries.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            while (_deliveries.TryDequeue(out var delivery))
            {
                Deliver(delivery);
            }

            Volatile.Write(ref _draining, 0);
        }
    }

    /// <summary>Completes every subscriber after everything already committed has been delivered.</summary>
    public void Complete()
    {
        Drain();
        foreach (var subscriber in ImmutableInterlocked.InterlockedExchange(ref _subscribers, []))
        {
            subscriber.Complete();
        }
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
    }

    private readonly record struct Delivery(ChangeBatch Batch, ChangeSubscriber? Target);
}
