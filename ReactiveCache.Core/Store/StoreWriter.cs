using System.Runtime.InteropServices;
using ReactiveCache.Changes;
using ReactiveCache.Store.Memory;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Store;

/// <summary>
/// One database's data and the only code that changes it. Every method runs under the keyspace's lock, inside an
/// edit; each mutation changes one key and records exactly one <see cref="CacheChange"/> saying what it did, and the
/// <see cref="Keyspace"/> commits the changes of one command (one transaction) as a single batch.
/// </summary>
/// <remarks>
/// The rules every protocol shares live here once: what WRONGTYPE is (the typed lookups), what "change only the
/// expiry" does (<see cref="SetExpiry"/>: an expiry in the past expires the key), which memcached state survives a
/// write (<see cref="MemcachedState.AfterWrite"/>), and that a hash left without fields is removed.
/// </remarks>
internal sealed partial class StoreWriter
{
    private Dictionary<byte[], CacheEntry> _entries = new(KeyComparer.Instance);
    private Dictionary<byte[], CacheEntry>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;
    // What this database's keys add to the keyspace's memory budget: a flush gives it all back at once.
    private long _footprint;
    private readonly KeySlots _slots = new();
    private readonly KeySlots _volatile = new();
    private readonly Keyspace _keyspace;
    private readonly ActiveExpiry _expiry;

    public StoreWriter(Keyspace keyspace, int database, ActiveExpiry expiry)
    {
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
        _keyspace = keyspace;
        Database = database;
        _expiry = expiry;
        keyspace.Register(this);
    }

    /// <summary>This database's number (0 for the store every protocol serves).</summary>
    public int Database { get; }

    /// <summary>Store time, read at most once per edit (one command, or one transaction).</summary>
    public DateTimeOffset Now => _keyspace.Now;

    public long NowMs => Now.ToUnixTimeMilliseconds();

    /// <summary>The latest sequence number of the whole keyspace, every database included.</summary>
    public long LastSequence => _keyspace.LastSequence;

    public int Count => _entries.Count;

    public IEnumerable<KeyValuePair<byte[], CacheEntry>> Entries => _entries;

    /// <summary>The keys in slot order: SCAN's cursor and RANDOMKEY's sample.</summary>
    public KeySlots Slots => _slots;

    /// <summary>What every database holds together, the limit and the policy.</summary>
    public MemoryBudget Memory => _keyspace.Memory;

    /// <summary>When the command in progress began over the limit with nothing evictable: writes that add data are refused.</summary>
    public bool RefusesGrowth => _keyspace.RefusesGrowth;

    /// <summary>How long ago the key was last used, in milliseconds (OBJECT IDLETIME).</summary>
    public long IdleMs(CacheEntry entry) => _keyspace.Access.IdleMs(entry.AccessStamp, NowMs);

    /// <summary>The key's LFU counter as of now, decay applied (OBJECT FREQ).</summary>
    public byte Frequency(CacheEntry entry) =>
        LfuCounter.Decayed(entry.Frequency, entry.FrequencyMinute, _keyspace.Access.Minutes(NowMs), Memory.LfuDecayMinutes);

    /// <summary>Makes the key look unused for <paramref name="idleMs"/> (RESTORE ... IDLETIME), without a change.</summary>
    public void StampIdleFor(CacheEntry entry, long idleMs) => entry.AccessStamp = _keyspace.Access.StampIdleFor(idleMs, NowMs);

    /// <summary>Sets the key's LFU counter as of now (RESTORE ... FREQ), without a change.</summary>
    public void SetFrequency(CacheEntry entry, byte counter)
    {
        entry.Frequency = counter;
        entry.FrequencyMinute = _keyspace.Access.Minutes(NowMs);
    }

    /// <summary>Forgets eviction's pooled candidates (after a change of policy).</summary>
    public void ForgetEvictionCandidates() => _keyspace.ForgetEvictionCandidates();

    /// <summary>The keys that have a time to live, in slots of their own: what the volatile eviction policies sample.</summary>
    public KeySlots VolatileSlots => _volatile;

    /// <summary>The entry for a key as it is, without expiring it (snapshots and lookups that change nothing).</summary>
    public bool TryPeek(ReadOnlySpan<byte> key, out byte[] storedKey, out CacheEntry entry) =>
        _bySpan.TryGetValue(key, out storedKey!, out entry!);

    /// <summary>
    /// The live entry for a key, of any type; an entry found past its expiry is expired now (lazy expiry). The key counts
    /// as used (<see cref="Touch"/>).
    /// </summary>
    public bool TryGet(ReadOnlySpan<byte> key, out byte[] storedKey, out CacheEntry entry)
    {
        if (!TryGetUntouched(key, out storedKey, out entry))
        {
            return false;
        }

        Touch(entry);
        return true;
    }

    /// <summary>The live entry for a key, without counting it as used: OBJECT IDLETIME and FREQ, as Redis's LOOKUP_NOTOUCH.</summary>
    public bool TryGetUntouched(ReadOnlySpan<byte> key, out byte[] storedKey, out CacheEntry entry)
    {
        if (!_bySpan.TryGetValue(key, out storedKey!, out entry!))
        {
            return false;
        }

        if (entry.HasExpiry && !_replaying && entry.IsExpiredAt(NowMs))
        {
            Remove(storedKey, ChangeKind.Expired, ChangeReason.Expired);
            return false;
        }

        return true;
    }

    public bool TryGet(ReadOnlySpan<byte> key, out CacheEntry entry) => TryGet(key, out _, out entry);

    /// <summary>A command used the key: its LRU stamp moves to now and, under an LFU policy, its counter counts the access.</summary>
    public void Touch(CacheEntry entry)
    {
        var memory = _keyspace.Memory;
        if (memory.Policy.IsLfu())
        {
            var minute = _keyspace.Access.Minutes(NowMs);
            entry.Frequency = LfuCounter.Increment(LfuCounter.Decayed(entry.Frequency, entry.FrequencyMinute, minute, memory.LfuDecayMinutes), memory.LfuLogFactor);
            entry.FrequencyMinute = minute;
        }

        entry.AccessStamp = _keyspace.Access.Next(NowMs);
    }

    public bool Exists(ReadOnlySpan<byte> key) => TryGet(key, out _, out _);

    /// <summary>The live string at a key; a key holding another type throws <see cref="WrongTypeException"/>.</summary>
    public bool TryGetString(ReadOnlySpan<byte> key, out CacheEntry entry, out byte[] value)
    {
        value = [];
        if (!TryGet(key, out entry))
        {
            return false;
        }

        value = Expect<StringValue>(entry, ValueKind.String).Bytes;
        return true;
    }

    /// <summary>The live hash at a key; a key holding another type throws <see cref="WrongTypeException"/>.</summary>
    public bool TryGetHash(ReadOnlySpan<byte> key, out CacheEntry entry, out HashValue hash)
    {
        hash = null!;
        if (!TryGet(key, out entry))
        {
            return false;
        }

        hash = Expect<HashValue>(entry, ValueKind.Hash);
        return true;
    }

    /// <summary>The one place that decides WRONGTYPE.</summary>
    public static TValue Expect<TValue>(CacheEntry entry, ValueKind kind)
        where TValue : CacheValue =>
        entry.Value as TValue ?? throw new WrongTypeException(kind, entry.Kind);

    /// <summary>
    /// Stores a string through Redis or the native protocol, replacing whatever the key held. memcached's flags,
    /// which these protocols never set, survive; its marks do not (a write is a recache).
    /// </summary>
    /// <remarks>
    /// <paramref name="expiryGiven"/>: the command named an expiry (SET ... EX, SETEX), so the change says so even when
    /// the time is the one the key already had, and Redis's <c>expire</c> event follows <c>set</c>.
    /// </remarks>
    public CacheEntry SetString(ReadOnlySpan<byte> key, byte[] value, long expiresAtMs, ChangeReason reason, bool expiryGiven = false)
    {
        RefuseGrowthWhenFull();
        // TryGet expires a key found past its time first, so its memcached state dies with it, as in Redis.
        var found = TryGet(key, out var existingKey, out var existing);
        return Store(found ? existingKey : key.ToArray(), new StringValue(value), expiresAtMs, found ? MemcachedState.AfterWrite(existing.Memcached) : null, reason, expiryGiven);
    }

    /// <summary>Stores a string with memcached's state as the memcached command gives it.</summary>
    public CacheEntry SetMemcached(ReadOnlySpan<byte> key, byte[] value, long expiresAtMs, MemcachedState? state, ChangeReason reason, bool expiryGiven = false)
    {
        RefuseGrowthWhenFull();
        var storedKey = TryGet(key, out var existingKey, out _) ? existingKey : key.ToArray();
        return Store(storedKey, new StringValue(value), expiresAtMs, state, reason, expiryGiven);
    }

    /// <summary>
    /// Puts a whole value (of any type) under a key the store keeps: COPY, RENAME and MOVE, with the source's expiry and
    /// memcached state. The caller copies a value that stays in use elsewhere.
    /// </summary>
    public CacheEntry Place(byte[] key, CacheValue value, long expiresAtMs, MemcachedState? state, ChangeReason reason) =>
        Store(TryGet(key, out var existingKey, out _) ? existingKey : key, value, expiresAtMs, state, reason);

    private CacheEntry Store(
        byte[] key, CacheValue value, long expiresAtMs, MemcachedState? state, ChangeReason reason, bool expiryGiven = false, ElementChange[]? elements = null)
    {
        expiresAtMs = CacheEntry.Representable(expiresAtMs);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out var existed);
        var entry = slot;
        byte[]? previous = null;
        var operations = ChangeOperations.ValueSet;
        if (entry is null)
        {
            entry = slot = new CacheEntry(key, value, expiresAtMs, 0, _slots.Add(key));
            operations |= expiresAtMs == CacheEntry.NoExpiry ? 0 : ChangeOperations.ExpiryChanged;
        }
        else
        {
            previous = _keyspace.KeepPreviousValues ? (entry.Value as StringValue)?.Bytes : null;
            operations |= entry.ExpiresAtMs != expiresAtMs || (expiryGiven && expiresAtMs != CacheEntry.NoExpiry) ? ChangeOperations.ExpiryChanged : 0;
            entry.Value = value;
            entry.ExpiresAtMs = expiresAtMs;
        }

        entry.Memcached = state;
        TrackExpiry(entry, operations);
        object payload = value switch
        {
            StringValue text => text.Bytes,
            HashValue hash => hash.ToArray(),
            _ => elements ?? ((CollectionValue)value).ToElements(),
        };
        entry.Version = (ulong)Record(existed ? ChangeKind.Updated : ChangeKind.Added, operations, reason, entry, payload, previous);
        return entry;
    }

    /// <summary>
    /// Changes only the expiry of a live entry: a time already past expires the key at once (the change is
    /// <see cref="ChangeKind.Expired"/>, with the command's reason); <see cref="CacheEntry.NoExpiry"/> removes the time
    /// to live. Returns whether the key still exists. The change carries no value.
    /// </summary>
    public bool SetExpiry(CacheEntry entry, long expiresAtMs, ChangeReason reason)
    {
        if (expiresAtMs != CacheEntry.NoExpiry && !_replaying && expiresAtMs <= NowMs)
        {
            Remove(entry.Key, ChangeKind.Expired, reason);
            return false;
        }

        entry.ExpiresAtMs = CacheEntry.Representable(expiresAtMs);
        TrackExpiry(entry, ChangeOperations.ExpiryChanged);
        entry.Version = (ulong)Record(ChangeKind.Updated, ChangeOperations.ExpiryChanged, reason, entry, payload: null, previous: null);
        return true;
    }

    /// <summary>
    /// Replaces memcached's marks (stale, recache token) on a live entry, and with <paramref name="expiresAtMs"/> its
    /// expiry too, as one change. The value stays, and so does the version unless the expiry changed: memcached's CAS
    /// does not move when a token is handed out.
    /// </summary>
    public void SetMemcachedState(CacheEntry entry, MemcachedState? state, long? expiresAtMs = null)
    {
        if (expiresAtMs is { } at && at != CacheEntry.NoExpiry && !_replaying && at <= NowMs)
        {
            Remove(entry.Key, ChangeKind.Expired, ChangeReason.Invalidate);
            return;
        }

        entry.Memcached = state;
        var operations = ChangeOperations.MetadataChanged;
        if (expiresAtMs is { } expiry)
        {
            entry.ExpiresAtMs = CacheEntry.Representable(expiry);
            operations |= ChangeOperations.ExpiryChanged;
            TrackExpiry(entry, operations);
        }

        var sequence = Record(ChangeKind.Updated, operations, ChangeReason.Invalidate, entry, payload: null, previous: null);
        if (expiresAtMs is not null)
        {
            entry.Version = (ulong)sequence;
        }
    }

    public bool Remove(ReadOnlySpan<byte> key, ChangeKind kind, ChangeReason reason)
    {
        if (!_bySpan.Remove(key, out _, out var entry))
        {
            return false;
        }

        _slots.Remove(entry.Slot, _moveSlot ??= MoveSlot);
        if (reason == ChangeReason.Expired)
        {
            _keyspace.ExpiredKeys++;
        }

        Record(kind, ChangeOperations.KeyRemoved, reason, entry, payload: null, previous: (entry.Value as StringValue)?.Bytes);
        return true;
    }

    /// <summary>Evicts a key to make room: one <see cref="ChangeKind.Evicted"/> change, as Redis's <c>evicted</c> event.</summary>
    public void Evict(byte[] key) => Remove(key, ChangeKind.Evicted, ChangeReason.Evict);

    /// <summary>
    /// The one check every write that adds data makes first (SET, memcached's storage commands, HSET, the in-process
    /// setters): over the limit with nothing the policy may evict, it throws before anything changes. Replaying a change
    /// log is never refused: those writes were acknowledged once already.
    /// </summary>
    public void RefuseGrowthWhenFull()
    {
        if (_keyspace.RefusesGrowth && !_replaying)
        {
            throw new MemoryLimitExceededException(_keyspace.Memory.Used, _keyspace.Memory.Max);
        }
    }

    /// <summary>
    /// Removes every key as one <see cref="ChangeKind.Cleared"/> change, in O(1) under the lock whatever the number of
    /// keys: the tables are replaced and the old ones left to the collector, as Redis's FLUSHALL ASYNC frees them on a
    /// background thread. An empty database records nothing.
    /// </summary>
    public int Clear()
    {
        var removed = _entries.Count;
        if (removed == 0)
        {
            return 0;
        }

        _keyspace.Memory.Add(-_footprint);
        _footprint = 0;
        _entries = new Dictionary<byte[], CacheEntry>(KeyComparer.Instance);
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
        _keyspace.Record(Database, ChangeKind.Cleared, ChangeOperations.DatabaseCleared, ChangeReason.Flush, [], ValueKind.String,
            payload: null, previous: null, CacheEntry.NoExpiry, memcached: null);
        _slots.Clear();
        _volatile.Clear();
        _expiry.Clear();
        _keyspace.ForgetEvictionCandidates();
        return removed;
    }

    /// <summary>Takes keys that are due off the expiry queue and expires them; stale queue items are skipped.</summary>
    public void ExpireDue(int limit)
    {
        var expired = 0;
        while (expired < limit && _expiry.TryTakeDue(NowMs, out var key, out var dueMs))
        {
            if (_bySpan.TryGetValue(key, out var entry) && entry.ExpiresAtMs == dueMs)
            {
                Remove(key, ChangeKind.Expired, ChangeReason.Expired);
                expired++;
            }
        }

        _expiry.Rearm();
    }

    private void TrackExpiry(CacheEntry entry, ChangeOperations operations)
    {
        if (entry.HasExpiry && (operations & ChangeOperations.ExpiryChanged) != 0)
        {
            _expiry.Track(entry.Key, entry.ExpiresAtMs);
            CompactExpiryQueue();
        }
    }

    // A sliding time to live re-queues its key on every write and stale queue items leave only when due;
    // past twice the keys (plus slack), rebuild the queue from the live entries so it stays bounded.
    private void CompactExpiryQueue()
    {
        if (_expiry.Count > (2 * _entries.Count) + 1024)
        {
            _expiry.Rebuild(_entries.Values.Where(entry => entry.HasExpiry).Select(entry => (entry.Key, entry.ExpiresAtMs)));
        }
    }

    private Action<byte[], int>? _moveSlot;
    private Action<byte[], int>? _moveVolatileSlot;

    private void MoveSlot(byte[] key, int slot) => _entries[key].Slot = slot;

    private void MoveVolatileSlot(byte[] key, int slot) => _entries[key].VolatileSlot = slot;

    /// <summary>
    /// The one place every change passes: it accounts the entry's new size in the memory budget, keeps the entry among
    /// the keys with a time to live (or takes it out), and records the change.
    /// </summary>
    private long Record(ChangeKind kind, ChangeOperations operations, ChangeReason reason, CacheEntry entry, object? payload, byte[]? previous)
    {
        var removed = (operations & ChangeOperations.KeyRemoved) != 0;
        Account(entry, removed);
        if (!removed)
        {
            SignalReady(entry.Key);
        }

        return _keyspace.Record(Database, kind, operations, reason, entry.Key, entry.Kind, payload, _keyspace.KeepPreviousValues ? previous : null, entry.ExpiresAtMs, entry.Memcached);
    }

    private void Account(CacheEntry entry, bool removed)
    {
        var footprint = removed ? 0 : MemoryFootprint.Of(entry);
        _keyspace.Memory.Add(footprint - entry.Footprint);
        _footprint += footprint - entry.Footprint;
        entry.Footprint = footprint;
        if (!removed && entry.AccessStamp == 0)
        {
            entry.AccessStamp = _keyspace.Access.Next(NowMs);
            entry.FrequencyMinute = _keyspace.Access.Minutes(NowMs);
        }

        var isVolatile = !removed && entry.HasExpiry;
        if (isVolatile && entry.VolatileSlot < 0)
        {
            entry.VolatileSlot = _volatile.Add(entry.Key);
        }
        else if (!isVolatile && entry.VolatileSlot >= 0)
        {
            _volatile.Remove(entry.VolatileSlot, _moveVolatileSlot ??= MoveVolatileSlot);
            entry.VolatileSlot = -1;
        }
    }
}
