using ReactiveCache.Changes;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Store;

// Hash edits: one change per command, carrying the fields it set or deleted, never the whole hash.
internal sealed partial class StoreWriter
{
    /// <summary>
    /// Sets fields of the hash at <paramref name="key"/>, creating it if absent; the hash keeps the arrays. Throws
    /// <see cref="WrongTypeException"/> before changing anything when the key holds another type. Returns how many
    /// fields are new.
    /// </summary>
    public int SetFields(ReadOnlySpan<byte> key, HashField[] fields, ListpackLimits limits, ChangeReason reason)
    {
        RefuseGrowthWhenFull();
        var created = !TryGetHash(key, out var entry, out var hash);
        if (created)
        {
            var storedKey = key.ToArray();
            hash = new HashValue();
            entry = new CacheEntry(storedKey, hash, CacheEntry.NoExpiry, 0, _slots.Add(storedKey));
            _entries.Add(storedKey, entry);
        }

        var added = 0;
        foreach (var field in fields)
        {
            added += hash.Set(field.Name, field.Value!, limits) ? 1 : 0;
        }

        entry.Version = (ulong)Record(created ? ChangeKind.Added : ChangeKind.Updated, ChangeOperations.FieldsSet, reason, entry, fields, previous: null);
        return added;
    }

    /// <summary>
    /// Deletes fields of the hash at <paramref name="key"/>; a hash left empty is removed in the same change. Returns how
    /// many fields were deleted (0, and no change, when none existed).
    /// </summary>
    public int DeleteFields(ReadOnlySpan<byte> key, ReadOnlySpan<byte[]> fields)
    {
        if (!TryGetHash(key, out var entry, out var hash))
        {
            return 0;
        }

        var deleted = new List<HashField>(fields.Length);
        foreach (var field in fields)
        {
            if (hash.Remove(field))
            {
                deleted.Add(new HashField(field, null));
            }
        }

        if (deleted.Count == 0)
        {
            return 0;
        }

        var payload = deleted.ToArray();
        if (hash.Count > 0)
        {
            entry.Version = (ulong)Record(ChangeKind.Updated, ChangeOperations.FieldsDeleted, ChangeReason.HashDelete, entry, payload, previous: null);
            return payload.Length;
        }

        _bySpan.Remove(key);
        _slots.Remove(entry.Slot, _moveSlot ??= MoveSlot);
        Record(ChangeKind.Removed, ChangeOperations.FieldsDeleted | ChangeOperations.KeyRemoved, ChangeReason.HashDelete, entry, payload, previous: null);
        return payload.Length;
    }
}
