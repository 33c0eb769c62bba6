using ReactiveCache.Changes;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Store;

// List, set and sorted-set edits: the one way every command of those types changes its key. A command edits the
// collection in place, lists what it did as ElementChanges, and records them as one change; a collection left empty
// is removed in that same change, as Redis removes an empty list, set or sorted set at once.
internal sealed partial class StoreWriter
{
    /// <summary>The live collection of <paramref name="kind"/> at a key; another type throws <see cref="WrongTypeException"/>.</summary>
    public bool TryGetCollection<TValue>(ReadOnlySpan<byte> key, ValueKind kind, out CacheEntry entry, out TValue value)
        where TValue : CollectionValue
    {
        value = null!;
        if (!TryGet(key, out entry))
        {
            return false;
        }

        value = Expect<TValue>(entry, kind);
        return true;
    }

    /// <summary>
    /// The collection at a key for a write that adds elements, created empty (and stored) when the key is absent; the
    /// caller then edits it and calls <see cref="RecordEdits"/>, which records the creation with the edits (or takes
    /// the empty collection away again when there were none). Refused when the store is full (<see cref="RefuseGrowthWhenFull"/>);
    /// another type throws <see cref="WrongTypeException"/> before anything changes.
    /// </summary>
    public TValue EditForGrowth<TValue>(ReadOnlySpan<byte> key, ValueKind kind, out CacheEntry entry, out bool created)
        where TValue : CollectionValue
    {
        RefuseGrowthWhenFull();
        created = !TryGetCollection<TValue>(key, kind, out entry, out var value);
        if (created)
        {
            var storedKey = key.ToArray();
            value = (TValue)CollectionValue.Empty(kind);
            entry = new CacheEntry(storedKey, value, CacheEntry.NoExpiry, 0, _slots.Add(storedKey));
            _entries.Add(storedKey, entry);
        }

        return value;
    }

    /// <summary>
    /// Records what a command did to the collection at <paramref name="entry"/> as one change carrying
    /// <paramref name="edits"/>. A collection the edits left empty is removed in that change (ElementsEdited | KeyRemoved:
    /// Redis's "lpop" then "del"); no edits record nothing. Returns whether the key still exists.
    /// </summary>
    public bool RecordEdits(CacheEntry entry, bool created, ChangeReason reason, ElementChange[] edits)
    {
        var collection = (CollectionValue)entry.Value;
        if (edits.Length == 0)
        {
            if (created)
            {
                // Nothing was added after all (an LPUSHX-like no-op never gets here, but a refused edit may): no change.
                Unlink(entry);
            }

            return !created;
        }

        if (collection.Count > 0)
        {
            entry.Version = (ulong)Record(created ? ChangeKind.Added : ChangeKind.Updated, ChangeOperations.ElementsEdited, reason, entry, edits, previous: null);
            return true;
        }

        Unlink(entry);
        Record(ChangeKind.Removed, ChangeOperations.ElementsEdited | ChangeOperations.KeyRemoved, reason, entry, edits, previous: null);
        return false;
    }

    /// <summary>
    /// Each key's version: the sequence number of its last change, 0 when it does not exist (or is past its time). A
    /// command that computes after the lock stores its result only while its sources still have the versions it read.
    /// </summary>
    public ulong[] VersionsOf(ReadOnlySpan<byte[]> keys)
    {
        var versions = new ulong[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            versions[i] = TryPeek(keys[i], out _, out var entry) && !entry.IsExpiredAt(NowMs) ? entry.Version : 0;
        }

        return versions;
    }

    /// <summary>
    /// One change with no edits to a collection that stays as it was: Redis's LTRIM signals its key (a WATCH is
    /// touched, <c>ltrim</c> is announced) even when it removes nothing.
    /// </summary>
    public void RecordNoEdit(CacheEntry entry, ChangeReason reason) =>
        entry.Version = (ulong)Record(ChangeKind.Updated, ChangeOperations.ElementsEdited, reason, entry, Array.Empty<ElementChange>(), previous: null);

    /// <summary>
    /// Stores a whole collection the command built (a STORE form: SINTERSTORE, ZRANGESTORE...), replacing whatever the
    /// key held; an empty result deletes the key instead, as Redis does. The change carries every element.
    /// Returns how many elements were stored.
    /// </summary>
    public int StoreCollection(ReadOnlySpan<byte> key, CollectionValue value, ChangeReason reason, ElementChange[]? elements = null)
    {
        if (value.Count == 0)
        {
            Remove(key, ChangeKind.Removed, ChangeReason.Delete);
            return 0;
        }

        RefuseGrowthWhenFull();
        var found = TryGet(key, out var existingKey, out _);
        Store(found ? existingKey : key.ToArray(), value, CacheEntry.NoExpiry, state: null, reason, elements: elements);
        return value.Count;
    }

    private void Unlink(CacheEntry entry)
    {
        _bySpan.Remove(entry.Key);
        _slots.Remove(entry.Slot, _moveSlot ??= MoveSlot);
    }
}
