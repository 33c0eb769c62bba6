using System.Reactive.Concurrency;

namespace ReactiveCache.Store;

/// <summary>
/// Keys with a time to live, ordered by when they are due, and one timer on the store's scheduler
/// armed for the earliest. When it fires the store expires what is due, so an <c>expired</c> change is
/// published on time rather than when the key is next read. Accessed only under the store's lock.
/// </summary>
/// <remarks>
/// An entry whose expiry was later changed or removed stays in the queue; it is recognised as stale
/// when it comes due (its time no longer matches the entry's) and is skipped.
/// </remarks>
internal sealed class ActiveExpiry(IScheduler scheduler, Action expireDue) : IDisposable
{
    private readonly PriorityQueue<byte[], long> _due = new();
    private IDisposable? _timer;
    private long _armedForMs = CacheEntry.NoExpiry;

    public int Count => _due.Count;

    public void Track(byte[] key, long expiresAtMs)
    {
        _due.Enqueue(key, expiresAtMs);
        if (expiresAtMs < _armedForMs)
        {
            Arm(expiresAtMs);
        }
    }

    public bool TryTakeDue(long nowMs, out byte[] key, out long expiresAtMs)
    {
        if (_due.TryPeek(out key!, out expiresAtMs) && expiresAtMs <= nowMs)
        {
            _due.Dequeue();
            return true;
        }

        return false;
    }

    /// <summary>Arms the timer for the earliest remaining key, after a batch of due keys was taken.</summary>
    public void Rearm()
    {
        _armedForMs = CacheEntry.NoExpiry;
        if (_due.TryPeek(out _, out var next))
        {
            Arm(next);
        }
    }

    /// <summary>Replaces the queue with exactly the given keys and due times, dropping stale items.</summary>
    public void Rebuild(IEnumerable<(byte[] Key, long ExpiresAtMs)> live)
    {
        _due.Clear();
        foreach (var (key, expiresAtMs) in live)
        {
            _due.Enqueue(key, expiresAtMs);
        }

        Rearm();
    }

    public void Clear()
    {
        _due.Clear();
        _timer?.Dispose();
        _armedForMs = CacheEntry.NoExpiry;
    }

    public void Dispose() => Clear();

    private void Arm(long dueMs)
    {
        _timer?.Dispose();
        _armedForMs = dueMs;
        _timer = scheduler.Schedule(DateTimeOffset.FromUnixTimeMilliseconds(dueMs), expireDue);
    }
}
