using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Text;
using ReactiveCache.Changes;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache;

// The change-stream face of the store: every observable here is built on one attach operation that
// takes its snapshot or replay under the store's lock, so nothing is missed and nothing repeats.
public sealed partial class CacheStore
{
    /// <summary>Every change from now on, in sequence order (hot: nothing before the subscription).</summary>
    /// <remarks>
    /// <list type="table">
    /// <listheader><term>ChangeKind</term><description>emitted</description></listheader>
    /// <item><term>Added</term><description>the key and its new value</description></item>
    /// <item><term>Updated</term><description>the key, its value and expiry after the change (reason says which operation)</description></item>
    /// <item><term>Removed</term><description>the key, no value (reason Delete, RenameFrom, MoveFrom, SwapDb...)</description></item>
    /// <item><term>Expired</term><description>the key, no value, as soon as its time to live runs out</description></item>
    /// <item><term>Evicted</term><description>the key, no value</description></item>
    /// <item><term>Cleared</term><description>no key: every key of the database went (a flush), in one change</description></item>
    /// </list>
    /// Completes when the store is disposed.
    /// </remarks>
    public IObservable<CacheChange> Changes =>
        Observable.Create<ChangeBatch>(observer => Attach(observer, replayAfter: null))
            .SelectMany(batch => batch.Changes);

    /// <summary>
    /// The keys matching <paramref name="glob"/> as a snapshot batch (one <see cref="ChangeKind.Added"/>
    /// per live key, each with the sequence number of its last write), then every later batch restricted
    /// to matching keys. Snapshot and subscription are atomic: no change is lost or repeated.
    /// </summary>
    /// <remarks>
    /// <list type="table">
    /// <listheader><term>ChangeKind</term><description>emitted</description></listheader>
    /// <item><term>Added</term><description>in the snapshot, and when a matching key appears</description></item>
    /// <item><term>Updated</term><description>when a matching key's value or expiry changes</description></item>
    /// <item><term>Removed</term><description>when a matching key is deleted</description></item>
    /// <item><term>Expired</term><description>when a matching key's time to live runs out</description></item>
    /// <item><term>Evicted</term><description>when a matching key is dropped for room</description></item>
    /// <item><term>Cleared</term><description>when the database is flushed: every matching key went (the change names no key)</description></item>
    /// </list>
    /// </remarks>
    public IObservable<ChangeBatch> Connect(string glob = "*")
    {
        var pattern = Encoding.UTF8.GetBytes(glob);
        return Observable.Create<ChangeBatch>(observer => Attach(observer, writer => Snapshot(writer, pattern)))
            .Select(batch => batch.IsSnapshot ? batch : batch.Where(change => change.Kind == ChangeKind.Cleared || Glob.IsMatch(pattern, change.Key)))
            .Where(batch => batch.IsSnapshot || batch.Changes.Count > 0);
    }

    /// <summary>One key: its current entry first (if it exists), then each change of it.</summary>
    /// <remarks>
    /// <list type="table">
    /// <listheader><term>ChangeKind</term><description>emitted</description></listheader>
    /// <item><term>Added</term><description>first, if the key exists; later, when it is created</description></item>
    /// <item><term>Updated</term><description>when its value or expiry changes</description></item>
    /// <item><term>Removed</term><description>when it is deleted</description></item>
    /// <item><term>Expired</term><description>when its time to live runs out</description></item>
    /// <item><term>Evicted</term><description>when it is dropped for room</description></item>
    /// <item><term>Cleared</term><description>when the database is flushed (the change names no key)</description></item>
    /// </list>
    /// </remarks>
    public IObservable<CacheChange> Watch(string key)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        return Observable.Create<ChangeBatch>(observer => Attach(observer, writer => SnapshotOf(writer, keyBytes)))
            .SelectMany(batch => batch.Changes)
            .Where(change => change.Kind == ChangeKind.Cleared || change.Key.AsSpan().SequenceEqual(keyBytes));
    }

    /// <summary>
    /// Every change after <paramref name="sequence"/>: those still in the replay buffer first, then live ones,
    /// with no gap and no duplicate. If some were already dropped from the buffer, the first batch carries a
    /// <see cref="ChangeGap"/> naming them and no changes.
    /// </summary>
    /// <remarks>
    /// <list type="table">
    /// <listheader><term>ChangeKind</term><description>emitted</description></listheader>
    /// <item><term>Added, Updated</term><description>the key with its value after the change</description></item>
    /// <item><term>Removed, Expired, Evicted</term><description>the key, no value</description></item>
    /// <item><term>Cleared</term><description>no key: the database was flushed</description></item>
    /// </list>
    /// </remarks>
    public IObservable<ChangeBatch> ChangesSince(long sequence) =>
        Observable.Create<ChangeBatch>(observer => Attach(observer, replayAfter: sequence));

    /// <summary>
    /// Every later batch of every database of this store's server, live only, each change saying its database: one
    /// subscriber of the feed however many databases there are. What Redis's WATCH and keyspace notifications watch.
    /// </summary>
    internal IObservable<ChangeBatch> EveryDatabaseChanges =>
        Observable.Create<ChangeBatch>(observer => Attach(observer, _ => [], ChangeSubscriber.EveryDatabase));

    private IDisposable Attach(IObserver<ChangeBatch> observer, long? replayAfter) =>
        Attach(observer, writer => replayAfter is { } after ? Replay(after, writer.LastSequence) : []);

    private IDisposable Attach(IObserver<ChangeBatch> observer, Func<StoreWriter, IEnumerable<ChangeBatch>> firstBatches, int? database = null)
    {
        ChangeSubscriber? subscriber = null;
        lock (_keyspace.Gate)
        {
            if (!_disposed)
            {
                _keyspace.BeginEdit();
                try
                {
                    subscriber = _keyspace.Feed.Attach(observer, database ?? Database, _writer.LastSequence, firstBatches(_writer).ToArray());
                }
                finally
                {
                    _keyspace.EndEdit();
                }
            }
        }

        // Like every delivery, the completion of a late subscriber runs after the lock is released.
        if (subscriber is null)
        {
            observer.OnCompleted();
            return Disposable.Empty;
        }

        _keyspace.Deliver();
        return Disposable.Create(() => _keyspace.Feed.Detach(subscriber));
    }

    private IEnumerable<ChangeBatch> Replay(long after, long last)
    {
        var replayed = new List<ChangeRecord>();
        var gap = _keyspace.Feed.CopyReplay(after, last, Database, replayed);
        if (gap is not null)
        {
            yield return ChangeBatch.ForGap(gap.To, gap);
        }

        if (replayed.Count > 0)
        {
            yield return new ChangeBatch(last, new ReplayedChanges([.. replayed]));
        }
    }

    private static IEnumerable<ChangeBatch> Snapshot(StoreWriter writer, byte[] pattern)
    {
        var changes = writer.Entries
            .Where(pair => !pair.Value.IsExpiredAt(writer.NowMs) && Glob.IsMatch(pattern, pair.Key))
            .Select(pair => SnapshotChange(writer, pair.Key, pair.Value))
            .ToArray();
        yield return new ChangeBatch(writer.LastSequence, changes, IsSnapshot: true);
    }

    // One key is one lookup, not a walk of the keyspace.
    private static IEnumerable<ChangeBatch> SnapshotOf(StoreWriter writer, byte[] key)
    {
        CacheChange[] changes = writer.TryPeek(key, out var storedKey, out var entry) && !entry.IsExpiredAt(writer.NowMs)
            ? [SnapshotChange(writer, storedKey, entry)]
            : [];
        yield return new ChangeBatch(writer.LastSequence, changes, IsSnapshot: true);
    }

    // A snapshot's entry says what the key holds now: its whole value (a hash's fields copied, as the hash goes on
    // changing after the lock is released), its expiry, and the sequence number of its last write.
    private static CacheChange SnapshotChange(StoreWriter writer, byte[] key, CacheEntry entry) =>
        new((long)entry.Version, ChangeKind.Added, ChangeReason.Set, key, (entry.Value as StringValue)?.Bytes, PreviousValue: null,
            entry.HasExpiry ? DateTimeOffset.FromUnixTimeMilliseconds(entry.ExpiresAtMs) : null, writer.Now, writer.Database)
        {
            Operations = ChangeOperations.ValueSet | (entry.HasExpiry ? ChangeOperations.ExpiryChanged : 0),
            Type = entry.Kind,
            Fields = (entry.Value as HashValue)?.ToArray(),
            Memcached = entry.Memcached?.ToMetadata(),
        };
}
