namespace ReactiveCache.Store.Memory;

/// <summary>
/// Asks the runtime for a full collection once the store has let go of a good share of its limit: under a limit,
/// evicted values die old (they lived long enough to reach the oldest generation), where the collector looks only
/// now and then, so without a nudge the process holds the limit in live keys plus as much again in dead ones. The
/// store knows how much it freed; the collector does not know the store is full.
/// </summary>
/// <remarks>
/// Counted under the store's lock; the collection itself runs on the thread pool, never under the lock, and at most
/// one is asked for at a time. A collection the runtime made on its own resets the count. With no limit set the
/// runtime is left alone.
/// </remarks>
internal sealed class GarbageNudge
{
    private const long MinimumShare = 16 * 1024 * 1024;
    private long _freed;
    private int _lastCount = GC.CollectionCount(2);
    private int _pending;

    /// <summary>Called under the store's lock with the bytes a change let go of.</summary>
    public void Freed(long bytes) => _freed += bytes;

    /// <summary>Called under the store's lock at the end of an edit: asks for a collection when enough was freed.</summary>
    public void MaybeCollect(long maxMemory)
    {
        if (maxMemory == 0 || _freed < Math.Max(MinimumShare, maxMemory / 4))
        {
            return;
        }

        var count = GC.CollectionCount(2);
        if (count != _lastCount)
        {
            // The runtime collected on its own since the last nudge: what was freed before that is gone already.
            _lastCount = count;
            _freed = 0;
            return;
        }

        _freed = 0;
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                static nudge =>
                {
                    GC.Collect(2, GCCollectionMode.Forced, blocking: false);
                    nudge._lastCount = GC.CollectionCount(2);
                    Volatile.Write(ref nudge._pending, 0);
                },
                this,
                preferLocal: false);
        }
    }
}
