using System.Reactive.Linq;
using System.Reactive.Subjects;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// Which sessions WATCH which keys, fed by the change stream (multi.c's touchWatchedKey): a change to a watched
/// key marks its watchers touched, so their EXEC runs nothing. This catches what comparing versions at EXEC
/// cannot: a key absent when watched, then created and deleted again. A removal of a key that was absent when
/// watched is not a change (it was a stale, already expired entry going away), as in Redis 7.0.
/// Subscribed to the change stream only while some key is watched (a projection switched by "anything watched"),
/// so writes pay nothing otherwise.
/// </summary>
/// <remarks>
/// Deadlock-free by one lock order. Watching and forgetting run under the store's (re-entrant) lock, taken first:
/// so the switch is serialized, and UNWATCH queued in a transaction — which EXEC runs while holding that lock — just
/// re-enters it instead of waiting for it while someone else's WATCH holds a lock of ours and waits for the store's.
/// Subscribing under the store's lock delivers nothing (the store delivers after the outermost write releases it),
/// and unsubscribing takes no lock. Deliveries (<see cref="Touch"/>) take only the table's lock.
/// </remarks>
internal sealed class WatchRegistry : IDisposable
{
    private readonly CacheStore _database0;
    private readonly Lock _gate = new();
    private readonly Dictionary<byte[], List<Watcher>>[] _byDatabase;
    private readonly BehaviorSubject<bool> _anyWatched = new(false);
    private readonly IDisposable _touching;
    private int _count;

    /// <param name="databases">The server's databases; the first one's stream sees every database's changes.</param>
    public WatchRegistry(IReadOnlyList<CacheStore> databases)
    {
        _database0 = databases[0];
        _byDatabase = databases.Select(_ => new Dictionary<byte[], List<Watcher>>(KeyComparer.Instance)).ToArray();
        // The every-database stream, not a Merge of each database's Changes: the cost at KeyspaceNotifier's call.
        _touching = _anyWatched
            .DistinctUntilChanged()
            .Select(watched => watched ? _database0.EveryDatabaseChanges : Observable.Empty<ChangeBatch>())
            .Switch()
            .Subscribe(
                onNext: Touch,
                onError: static _ => { },    // the change stream ends by completing (the store disposed), never by an error
                onCompleted: static () => { });
    }

    /// <summary>Keys watched now, counted once per watching session.</summary>
    public int WatchedKeyCount => Volatile.Read(ref _count);

    /// <summary>Starts watching; call before reading the key's version, so no change falls between the two.</summary>
    public void Add(RedisSession session, int database, byte[] key, bool existed) =>
        _database0.Write((Registry: this, Watcher: new Watcher(session, existed), Database: database, Key: key), static (_, added) =>
        {
            lock (added.Registry._gate)
            {
                var watchers = added.Registry._byDatabase[added.Database];
                if (!watchers.TryGetValue(added.Key, out var list))
                {
                    watchers[added.Key] = list = [];
                }

                list.Add(added.Watcher);
                added.Registry._count++;
            }

            added.Registry._anyWatched.OnNext(true);
            return true;
        });

    /// <summary>Forgets every key <paramref name="session"/> watches (also from UNWATCH inside EXEC, under the store's lock).</summary>
    public void RemoveAll(RedisSession session, IEnumerable<WatchedKey> keys)
    {
        try
        {
            Forget(session, keys);
        }
        catch (ObjectDisposedException)
        {
            // A session closing after the store: a disposed store delivers nothing more, so nothing is left to forget.
        }
    }

    public void Dispose() => _touching.Dispose();

    private void Forget(RedisSession session, IEnumerable<WatchedKey> keys) =>
        _database0.Write((Registry: this, Session: session, Keys: keys), static (_, removed) =>
        {
            lock (removed.Registry._gate)
            {
                foreach (var watched in removed.Keys)
                {
                    removed.Registry.Forget(removed.Session, watched);
                }
            }

            removed.Registry._anyWatched.OnNext(removed.Registry._count > 0);
            return true;
        });

    private void Forget(RedisSession session, WatchedKey watched)
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

    private void Touch(ChangeBatch batch)
    {
        lock (_gate)
        {
            foreach (var change in batch.Changes)
            {
                if (change.Kind == ChangeKind.Cleared)
                {
                    TouchExisting(_byDatabase[change.Database]);
                    continue;
                }

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

    // A flush touches the watched keys it removed, as touchAllWatchedKeysInDb: those that existed when watched. One
    // that was created or deleted since was touched then; so this is every watched key the flush found.
    private static void TouchExisting(Dictionary<byte[], List<Watcher>> watchers)
    {
        foreach (var list in watchers.Values)
        {
            foreach (var watcher in list.Where(watcher => watcher.Existed))
            {
                watcher.Session.WatchTouched = true;
            }
        }
    }

    private readonly record struct Watcher(RedisSession Session, bool Existed);
}
