using ReactiveCache.Store.Blocking;

namespace ReactiveCache.Store;

// Blocked waits (BLPOP and friends): the keys of this database someone waits on, each with its waits in order.
internal sealed partial class StoreWriter
{
    private readonly Dictionary<byte[], WaitQueue> _waits = new(KeyComparer.Instance);

    /// <summary>How many keys of this database have a wait (CLIENT LIST's and INFO's blocked figures come from the waits).</summary>
    public int KeysWaitedOn => _waits.Count;

    /// <summary>
    /// Registers <paramref name="wait"/> on <paramref name="keys"/> (a key named twice counts once), behind the waits
    /// already there; it ends when a write serves it, after <paramref name="timeout"/> on the store's clock, or when it is
    /// cancelled. <see cref="TimeSpan.Zero"/> waits for ever. Call it under the lock, from the command that found nothing.
    /// </summary>
    public void Block(BlockedWait wait, IEnumerable<byte[]> keys, TimeSpan timeout)
    {
        foreach (var key in keys)
        {
            if (!_waits.TryGetValue(key, out var queue))
            {
                var storedKey = key.ToArray();
                queue = new WaitQueue(storedKey);
                _waits.Add(storedKey, queue);
            }
            else if (wait.Places.Exists(place => ReferenceEquals(place.Queue, queue)))
            {
                continue;
            }

            wait.Places.Add((this, queue, queue.Waits.AddLast(wait)));
        }

        _keyspace.Track(wait, timeout);
    }

    /// <summary>Takes a wait off every key it waits on (it was served, timed out or was cancelled).</summary>
    internal static void Unblock(BlockedWait wait)
    {
        foreach (var (database, queue, node) in wait.Places)
        {
            queue.Waits.Remove(node);
            if (queue.Waits.Count == 0)
            {
                database._waits.Remove(queue.Key);
            }
        }

        wait.Places.Clear();
        wait.Timer?.Dispose();
        wait.Timer = null;
    }

    // Called for every change: a change to a key someone waits on makes it ready to be offered when the edit ends.
    private void SignalReady(byte[] key)
    {
        if (_waits.Count != 0 && _waits.TryGetValue(key, out var queue) && !queue.Ready)
        {
            queue.Ready = true;
            _keyspace.MarkReady(this, queue);
        }
    }
}
