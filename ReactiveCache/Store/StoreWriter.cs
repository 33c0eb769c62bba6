using ReactiveCache.Changes;
using System.Runtime.InteropServices;

namespace ReactiveCache.Store;

/// <summary>
/// One database's data and the only code that changes it. Every method runs under the keyspace's lock, inside an
/// edit; each mutation records one <see cref="CacheChange"/> with the <see cref="Keyspace"/>, which commits the
/// changes of one command (one transaction) as a single batch.
/// </summary>
internal sealed class StoreWriter
{
    private readonly Dictionary<byte[], CacheEntry> _entries = new(KeyComparer.Instance);
    private readonly Dictionary<byte[], CacheEntry>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;
    private readonly KeySlots _slots = new();
    private readonly Keyspace _keyspace;
    private readonly ActiveExpiry _expiry;

    public StoreWriter(Keyspace keyspace, int database, ActiveExpiry expiry)
    {
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
        _keyspace = keyspace;
        Database = database;
        _expiry = expiry;
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

    /// <summary>The entry for a key as it is, without expiring it (snapshots and lookups that change nothing).</summary>
    public bool TryPeek(ReadOnlySpan<byte> key, out byte[] storedKey, out CacheEntry entry) =>
        _bySpan.TryGetValue(key, out storedKey!, out entry!);

    /// <summary>The live entry for a key; an entry found past its expiry is expired now (lazy expiry).</summary>
    public bool TryGet(ReadOnlySpan<byte> key, out byte[] storedKey, out CacheEntry entry)
    {
        if (!_bySpan.TryGetValue(key, out storedKey!, out entry!))
        {
            return false;
        }

        if (entry.HasExpiry && entry.IsExpiredAt(NowMs))
        {
            Remove(storedKey, ChangeKind.Expired, ChangeReason.Expired);
            return false;
        }

        return true;
    }

    public bool TryGet(ReadOnlySpan<byte> key, out CacheEntry entry) => TryGet(key, out _, out entry);

    public bool Exists(ReadOnlySpan<byte> key) => TryGet(key, out _, out _);

    /// <summary>Stores a value; CAS becomes this change's sequence number, so it differs on every write.</summary>
    /// <remarks>The key is copied if it is new; use the <c>byte[]</c> overload to hand over an array instead.</remarks>
    public CacheEntry Put(ReadOnlySpan<byte> key, byte[] value, long expiresAtMs, uint flags, ChangeReason reason)
    {
        if (_bySpan.TryGetValue(key, out var storedKey, out _))
        {
            return Put(storedKey, value, expiresAtMs, flags, reason);
        }

        return Put(key.ToArray(), value, expiresAtMs, flags, reason);
    }

    /// <summary>Stores a value under <paramref name="key"/>, which the store keeps: the caller must not change it later.</summary>
    public CacheEntry Put(byte[] key, byte[] value, long expiresAtMs, uint flags, ChangeReason reason)
    {
        expiresAtMs = CacheEntry.Representable(expiresAtMs);
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out var existed);
        var previous = slot;
        var storedKey = previous?.Key ?? key;
        var entry = new CacheEntry(value, expiresAtMs, (ulong)_keyspace.NextSequence, flags)
        {
            Key = storedKey,
            Slot = previous?.Slot ?? _slots.Add(storedKey),
        };
        slot = entry;
        if (entry.HasExpiry && entry.ExpiresAtMs != previous?.ExpiresAtMs)
        {
            _expiry.Track(storedKey, expiresAtMs);
            CompactExpiryQueue();
        }

        Record(existed ? ChangeKind.Updated : ChangeKind.Added, reason, storedKey, entry, previous?.Value);
        return entry;
    }

    // A sliding time to live re-queues its key on every write and stale queue items leave only when due;
    // past twice the keys (plus slack), rebuild the queue from the live entries so it stays bounded.
    private void CompactExpiryQueue()
    {
        if (_expiry.Count > (2 * _entries.Count) + 1024)
        {
            _expiry.Rebuild(_entries.Where(pair => pair.Value.HasExpiry).Select(pair => (pair.Key, pair.Value.ExpiresAtMs)));
        }
    }


    /// <summary>
    /// Replaces a live entry's <see cref="EntryMarks"/> in place. Value, expiry and CAS stay as they are, so
    /// this is bookkeeping, not a change: nothing is published.
    /// </summary>
    public CacheEntry Mark(ReadOnlySpan<byte> key, CacheEntry entry, EntryMarks marks)
    {
        var marked = entry with { Marks = marks };
        _bySpan[key] = marked;
        return marked;
    }

    public bool Remove(ReadOnlySpan<byte> key, ChangeKind kind, ChangeReason reason)
    {
        if (!_bySpan.Remove(key, out var storedKey, out var previous))
        {
            return false;
        }

        _slots.Remove(previous.Slot, _moveSlot ??= MoveSlot);
        Record(kind, reason, storedKey, entry: null, previous.Value);
        return true;
    }

    /// <summary>Removes every key, one change each, in one batch.</summary>
    public int Clear()
    {
        var removed = _entries.Count;
        foreach (var (key, entry) in _entries)
        {
            Record(ChangeKind.Removed, ChangeReason.Flush, key, entry: null, entry.Value);
        }

        _entries.Clear();
        _slots.Clear();
        _expiry.Clear();
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

    private Action<byte[], int>? _moveSlot;

    // The entry is immutable: a key the slots packed elsewhere gets a copy that says its new slot.
    private void MoveSlot(byte[] key, int slot)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_entries, key);
        entry = entry with { Slot = slot };
    }

    private void Record(ChangeKind kind, ChangeReason reason, byte[] key, CacheEntry? entry, byte[]? previous) =>
        _keyspace.Record(Database, kind, reason, key, entry?.Value, previous, entry?.ExpiresAtMs ?? CacheEntry.NoExpiry);
}
