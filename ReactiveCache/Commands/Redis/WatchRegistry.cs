using System.Reactive;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// Which sessions WATCH which keys, fed by the change stream (multi.c's touchWatchedKey): a change to a watched
/// key marks its watchers touched, so their EXEC runs nothing. This catches what comparing versions at EXEC
/// cannot: a key absent when watched, then created and deleted again. A removal of a key that was absent when
/// watched is not a change (it was a stale, already expired entry going away), as in Redis 7.0.
/// Attached to the stream only while some key is watched, so writes pay nothing otherwise.
/// </summary>
internal sealed class WatchRegistry(IReadOnlyList<CacheStore> databases) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<byte[], List<Watcher>>[] _byDatabase =
        databases.Select(_ => new Dictionary<byte[], List<Watcher>>(KeyComparer.Instance)).ToArray();

    // Attaching takes the store's lock and drains deliveries, which call Touch (and take _gate): so attaching
    // and detaching happen under a lock of their own, never while holding _gate.
    private readonly Lock _attachment = new();
    private IDisposable? _attached;
    private int _count;
    private bool _disposed;

    /// <summary>Keys watched now, counted once per watching session.</summary>
    public int WatchedKeyCount => Volatile.Read(ref _count);

    /// <summary>Whether the registry is attached to the change stream (only while some key is watched).</summary>
    public bool IsAttached => Volatile.Read(ref _attached) is not null;

    /// <summary>Starts watching; call before reading the key's version, so no change falls between the two.</summary>
    public void Add(RedisSession session, int database, byte[] key, bool existed)
    {
        lock (_gate)
        {
            var watchers = _byDatabase[database];
            if (!watchers.TryGetValue(key, out var list))
            {
                watchers[key] = list = [];
            }

            list.Add(new Watcher(session, existed));
            _count++;
        }

        Reconcile();
    }

    /// <summary>Forgets every key <paramref name="session"/> watches (also from UNWATCH inside EXEC, under a store lock).</summary>
    public void RemoveAll(RedisSession session, IEnumerable<WatchedKey> keys)
    {
        lock (_gate)
        {
            foreach (var watched in keys)
            {
                var watchers = _byDatabase[watched.Database];
                if (watchers.TryGetValue(watched.Key, out var list) && list.RemoveAll(watcher => watcher.Session == session) is var removed and > 0)
                {
                    _count -= removed;
                    if (list.Count == 0)
                    {
                        watchers.Remove(watched.Key);
                    }
                }
            }
        }

        // Never wait here: UNWATCH queued in a transaction runs under the store's lock, while a WATCH may hold
        // _attachment and wait for that lock. Left attached, the next WATCH or UNWATCH detaches.
        if (_attachment.TryEnter())
        {
            try
            {
                Reconcile();
            }
            finally
            {
                _attachment.Exit();
            }
        }
    }

    public void Dispose()
    {
        lock (_attachment)
        {
            _disposed = true;
            _attached?.Dispose();
            _attached = null;
        }
    }

    private void Reconcile()
    {
        lock (_attachment)
        {
            var wanted = Volatile.Read(ref _count) > 0 && !_disposed;
            if (wanted && _attached is null)
            {
                _attached = databases[0].AttachToEveryDatabase(Observer.Create<ChangeBatch>(Touch));
            }
            else if (!wanted && _attached is not null)
            {
                _attached.Dispose();
                _attached = null;
            }
        }
    }

    private void Touch(ChangeBatch batch)
    {
        lock (_gate)
        {
            foreach (var change in batch.Changes)
            {
                // memcached's marks are not a modification of the value: Redis's WATCH would not see them.
                if (change.Operations != ChangeOperations.MetadataChanged && _byDatabase[change.Database].TryGetValue(change.Key, out var list))
                {
                    var removal = change.Kind is ChangeKind.Removed or ChangeKind.Expired or ChangeKind.Evicted;
                    foreach (var watcher in list.Where(watcher => watcher.Existed || !removal))
                    {
                        watcher.Session.WatchTouched = true;
                    }
                }
            }
        }
    }

    private readonly record struct Watcher(RedisSession Session, bool Existed);
}
