using ReactiveCache.Store.Values;

namespace ReactiveCache.Store;

// Replaying a change stream: each change's operations, applied in order, rebuild what the source store held.
internal sealed partial class StoreWriter
{
    // While a change is applied, time stands still at the source's: an expiry the log recorded is taken as it was, not
    // judged against this store's clock (a log loaded after a restart is full of expiries since passed, and a later
    // PERSIST or HSET of the same key must find it). Keys found past their time are expired by the timer afterwards,
    // as Redis does after loading.
    private bool _replaying;

    /// <summary>Applies one change recorded by another store, as exactly one change of this one with the same reason.</summary>
    public void Apply(CacheChange change)
    {
        _replaying = true;
        try
        {
            ApplyOperations(change);
        }
        finally
        {
            _replaying = false;
        }
    }

    private void ApplyOperations(CacheChange change)
    {
        var expiresAtMs = change.ExpiresAt?.ToUnixTimeMilliseconds() ?? CacheEntry.NoExpiry;
        var memcached = change.Memcached is { } metadata ? MemcachedState.Of(metadata.Flags, metadata.Stale, metadata.WinTokenSent) : null;
        if (change.Has(ChangeOperations.DatabaseCleared))
        {
            Clear();
        }
        else if (change.Has(ChangeOperations.KeyRemoved))
        {
            Remove(change.Key, change.Kind, change.Reason);
        }
        else if (change.Has(ChangeOperations.ValueSet))
        {
            CacheValue value = change.Type switch
            {
                ValueKind.String => new StringValue(change.Value ?? []),
                ValueKind.Hash => HashOf(change.Fields ?? []),
                _ => CollectionOf(change.Type, change.Elements ?? []),
            };
            Store(change.Key.ToArray(), value, expiresAtMs, memcached, change.Reason, expiryGiven: change.Has(ChangeOperations.ExpiryChanged));
        }
        else if (change.Has(ChangeOperations.FieldsSet))
        {
            SetFields(change.Key, [.. change.Fields ?? []], ListpackLimits.HashDefaults, change.Reason);
        }
        else if (change.Has(ChangeOperations.ElementsEdited))
        {
            ApplyEdits(change);
        }
        else if (change.Has(ChangeOperations.FieldsDeleted))
        {
            DeleteFields(change.Key, (change.Fields ?? []).Select(field => field.Name).ToArray());
        }
        else if (TryPeek(change.Key, out _, out var entry))
        {
            if (change.Has(ChangeOperations.MetadataChanged))
            {
                SetMemcachedState(entry, memcached, change.Has(ChangeOperations.ExpiryChanged) ? expiresAtMs : null);
            }
            else if (change.Has(ChangeOperations.ExpiryChanged))
            {
                SetExpiry(entry, expiresAtMs, change.Reason);
            }
        }
    }

    // The edits go to the collection as the source made them, and are recorded again as one change with the same reason.
    private void ApplyEdits(CacheChange change)
    {
        var collection = EditForGrowth<CollectionValue>(change.Key, change.Type, out var entry, out var created);
        var edits = change.Elements is { } elements ? elements.ToArray() : [];
        foreach (var edit in edits)
        {
            collection.Apply(edit);
        }

        if (edits.Length == 0 && !created)
        {
            // An LTRIM that removed nothing: still one change, as the source recorded it.
            RecordNoEdit(entry, change.Reason);
            return;
        }

        RecordEdits(entry, created, change.Reason, edits);
    }

    private static CollectionValue CollectionOf(ValueKind kind, IReadOnlyList<ElementChange> elements)
    {
        var collection = CollectionValue.Empty(kind);
        foreach (var element in elements)
        {
            collection.Apply(element);
        }

        return collection;
    }

    private static HashValue HashOf(IReadOnlyList<HashField> fields)
    {
        var hash = new HashValue();
        foreach (var field in fields)
        {
            hash.Set(field.Name, field.Value ?? [], ListpackLimits.HashDefaults);
        }

        return hash;
    }
}
