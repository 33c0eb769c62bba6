using System.Diagnostics.CodeAnalysis;
using System.Reactive.Concurrency;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReactiveCache.Changes;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache;

/// <summary>
/// An in-memory key-value store with expiry, whose every change is published on an ordered change
/// stream. Safe for concurrent use: mutations are serialized (linearizable), notifications are raised
/// after commit and outside the lock.
/// </summary>
/// <remarks>
/// All time comes from the <see cref="IScheduler"/> given to the constructor: pass a
/// <c>TestScheduler</c> and expiry happens exactly when the virtual clock says so.
/// </remarks>
public sealed partial class CacheStore : IDisposable
{
    private readonly Keyspace _keyspace;
    private readonly StoreWriter _writer;
    private readonly ActiveExpiry _expiry;
    private readonly CacheStoreOptions _options;
    private bool _disposed;

    /// <summary>Creates an empty store.</summary>
    /// <param name="options">Limits; the defaults suit a server.</param>
    /// <param name="scheduler">The clock and timer for expiry; <see cref="Scheduler.Default"/> when omitted.</param>
    /// <param name="logger">Where subscriber faults are reported.</param>
    public CacheStore(CacheStoreOptions? options = null, IScheduler? scheduler = null, ILogger? logger = null)
        : this(new Keyspace(scheduler ?? System.Reactive.Concurrency.Scheduler.Default, options ?? new CacheStoreOptions(), logger ?? NullLogger.Instance),
               options ?? new CacheStoreOptions(), database: 0)
    {
    }

    /// <summary>Another numbered database of <paramref name="database0"/>'s server: same lock, sequence, clock and options.</summary>
    internal CacheStore(CacheStore database0, int database)
        : this(database0._keyspace, database0._options, database)
    {
    }

    private CacheStore(Keyspace keyspace, CacheStoreOptions options, int database)
    {
        _keyspace = keyspace;
        _options = options;
        _expiry = new ActiveExpiry(Scheduler, ExpireDue);
        _writer = new StoreWriter(keyspace, database, _expiry);
        if (database == 0)
        {
            keyspace.EvictInBackground = EvictChunk;
        }
    }

    /// <summary>This store's Redis database number: 0, unless it is one of a server's numbered databases.</summary>
    internal int Database => _writer.Database;

    /// <summary>The limits this store was created with.</summary>
    public CacheStoreOptions Options => _options;

    /// <summary>The scheduler that is this store's clock.</summary>
    public IScheduler Scheduler => _keyspace.Clock;

    /// <summary>The sequence number of the latest change, of every database of its server (0 before the first).</summary>
    public long LastSequence
    {
        get { lock (_keyspace.Gate) { return _writer.LastSequence; } }
    }

    /// <summary>How many keys are stored (keys past their expiry but not yet expired included).</summary>
    public int Count
    {
        get { lock (_keyspace.Gate) { return _writer.Count; } }
    }

    /// <summary>How many observers are attached to the change stream (of every database of its server).</summary>
    public int SubscriberCount => _keyspace.Feed.SubscriberCount;

    /// <summary>
    /// How many changes (by sequence number) are committed but not yet handed to every subscriber of the change stream:
    /// 0 unless a subscriber is slow to return from <c>OnNext</c> while writes go on. Read without the lock.
    /// </summary>
    public long SubscriberLag => _keyspace.Feed.Lag(_keyspace.LastSequence);


    /// <summary>Reads a string value; a key past its expiry is expired now and not returned.</summary>
    /// <exception cref="WrongTypeException">The key holds another type of value (a hash).</exception>
    public bool TryGet(ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? value)
    {
        var found = Write(key, static (writer, key) => writer.TryGetString(key, out _, out var value) ? value : null);
        value = found;
        return found is not null;
    }

    /// <summary>Reads a value as UTF-8 text, or <c>null</c> when the key is absent.</summary>
    public string? Get(string key) =>
        TryGet(Encoding.UTF8.GetBytes(key), out var value) ? Encoding.UTF8.GetString(value) : null;

    /// <summary>Stores a value, replacing any value (of any type) and time to live the key had.</summary>
    public void Set(ReadOnlySpan<byte> key, byte[] value, TimeSpan? timeToLive = null)
    {
        var ttlMs = timeToLive is { } ttl ? (long)ttl.TotalMilliseconds : -1;
        Write(new KeyedArgs(key, value, ttlMs), static (writer, args) =>
            writer.SetString(args.Key, args.Value, args.TtlMs < 0 ? CacheEntry.NoExpiry : writer.NowMs + args.TtlMs, ChangeReason.Set, expiryGiven: args.TtlMs >= 0));
    }

    /// <summary>Stores a UTF-8 text value, replacing any value and time to live the key had.</summary>
    public void Set(string key, string value, TimeSpan? timeToLive = null) =>
        Set(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value), timeToLive);

    /// <summary>Deletes a key. Returns whether it existed.</summary>
    public bool Delete(ReadOnlySpan<byte> key) =>
        Write(key, static (writer, key) => writer.Exists(key) && writer.Remove(key, ChangeKind.Removed, ChangeReason.Delete));

    /// <summary>Deletes a key given as text. Returns whether it existed.</summary>
    public bool Delete(string key) => Delete(Encoding.UTF8.GetBytes(key));

    /// <summary>
    /// Removes every key of this database (Redis's FLUSHDB) as one <see cref="ChangeKind.Cleared"/> change, in constant
    /// time under the lock however many keys there are. Returns how many went.
    /// </summary>
    public int Flush() => Write(0, static (writer, _) => writer.Clear());

    /// <summary>Gives an existing key a time to live. Returns whether the key existed.</summary>
    public bool Expire(string key, TimeSpan timeToLive) =>
        Write((Key: Encoding.UTF8.GetBytes(key), TtlMs: (long)timeToLive.TotalMilliseconds), static (writer, args) =>
            writer.TryGet(args.Key, out var entry) && writer.SetExpiry(entry, writer.NowMs + args.TtlMs, ChangeReason.Expire));

    /// <summary>The remaining time to live of a key: <c>null</c> if it has none or does not exist.</summary>
    public TimeSpan? TimeToLive(string key) =>
        Write(Encoding.UTF8.GetBytes(key), static (writer, key) =>
            writer.TryGet(key, out var entry) && entry.HasExpiry
                ? TimeSpan.FromMilliseconds(entry.ExpiresAtMs - writer.NowMs)
                : (TimeSpan?)null);

    /// <summary>The type of the value at a key, or <c>null</c> when the key does not exist.</summary>
    public ValueKind? TypeOf(string key) =>
        Write(Encoding.UTF8.GetBytes(key), static (writer, key) => writer.TryGet(key, out var entry) ? entry.Kind : (ValueKind?)null);

    /// <summary>
    /// Applies a change recorded by another store (a mirror, or a replay of a change log): the change's operations
    /// become one change of this store, with the same reason. Applying a store's changes from sequence 1, in order,
    /// onto an empty store rebuilds it.
    /// </summary>
    /// <remarks>
    /// The change lands in this store whatever its <see cref="CacheChange.Database"/> says: to mirror a server's numbered
    /// databases, route each change to the store of its database. Expiries are taken as recorded, not judged against
    /// this store's clock; keys already past their time are expired by its timer afterwards.
    /// </remarks>
    public void Apply(CacheChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Write(change, static (writer, change) =>
        {
            writer.Apply(change);
            return 0;
        });
    }

    /// <summary>The keys that match a Redis-style glob (<c>*</c>, <c>?</c>, <c>[a-z]</c>, <c>\x</c>), as UTF-8 text.</summary>
    public IReadOnlyList<string> Keys(string glob = "*")
    {
        var pattern = Encoding.UTF8.GetBytes(glob);
        return ReadKeys(pattern).Select(key => Encoding.UTF8.GetString(key)).ToArray();
    }

    /// <summary>
    /// Runs <paramref name="mutation"/> atomically: nothing else reads or writes the store (or any other database of
    /// its server) meanwhile, and every change it makes is published as one batch after it returns.
    /// </summary>
    /// <remarks>
    /// A write made inside another one (EXEC running its queue, COPY into another database) joins it: only the
    /// outermost write commits, and its batch is delivered after the lock is released, never under it.
    /// </remarks>
    internal TResult Write<TState, TResult>(TState state, Func<StoreWriter, TState, TResult> mutation)
        where TState : allows ref struct
    {
        var changed = true;
        try
        {
            lock (_keyspace.Gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var handedOver = _keyspace.HandedOver;
                _keyspace.BeginEdit();
                try
                {
                    return mutation(_writer, state);
                }
                finally
                {
                    _keyspace.EndEdit();
                    changed = _keyspace.HandedOver != handedOver;
                }
            }
        }
        finally
        {
            // Also when the mutation threw (WRONGTYPE after a lazy expiry): what was committed is delivered now. A write
            // that handed nothing over (a read) has nothing of its own to deliver, so it does not wait for a big batch
            // that another thread is delivering.
            if (changed)
            {
                _keyspace.Deliver();
            }
        }
    }

    /// <summary>Ends a blocked wait that is still waiting (timeout, client gone, CLIENT UNBLOCK); false when it was served first.</summary>
    internal bool EndWait(Store.Blocking.BlockedWait wait, Store.Blocking.WaitOutcome outcome) => _keyspace.End(wait, outcome);

    internal IReadOnlyList<byte[]> ReadKeys(byte[] pattern) => Glob.Matching(pattern, ReadLiveKeys());

    /// <summary>
    /// Every live key, copied under the lock as one array (the keys are arrays the store never changes): KEYS matches
    /// its pattern after the lock is released, so a costly glob over a million keys does not hold every client up.
    /// </summary>
    internal byte[][] ReadLiveKeys() =>
        Write(0, static (writer, _) =>
        {
            var keys = new byte[writer.Count][];
            var count = 0;
            var now = writer.NowMs;
            foreach (var (key, entry) in writer.Entries)
            {
                if (!entry.IsExpiredAt(now))
                {
                    keys[count++] = key;
                }
            }

            return count == keys.Length ? keys : keys[..count];
        });

    private void ExpireDue()
    {
        try
        {
            Write(_options.MaxExpiriesPerTick, static (writer, limit) =>
            {
                writer.ExpireDue(limit);
                return 0;
            });
        }
        catch (ObjectDisposedException)
        {
            // The timer fired while the store was being disposed: nothing is left to expire.
        }
    }

    private readonly ref struct KeyedArgs(ReadOnlySpan<byte> key, byte[] value, long ttlMs)
    {
        public ReadOnlySpan<byte> Key { get; } = key;

        public byte[] Value { get; } = value;

        public long TtlMs { get; } = ttlMs;
    }

    /// <summary>Stops expiry and completes every change subscription after delivering what was committed.</summary>
    public void Dispose()
    {
        lock (_keyspace.Gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _expiry.Dispose();
        }

        _keyspace.Feed.Complete(Database);
    }
}
