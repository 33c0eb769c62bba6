using ReactiveCache.Store.Values;

namespace ReactiveCache.Store;

// Replaying a change stream: each change's operations, applied in order, rebuild what the source store held.
internal sealed partial class StoreWriter
{
    /// <summary>Applies one change recorded by another store, as one change of this one with the same reason.</summary>
    public void Apply(CacheChange change)
    {
        var expiresAtMs = change.ExpiresAt?.ToUnixTimeMilliseconds() ?? CacheEntry.NoExpiry;
        var memcached = change.Memcached is { } metadata ? MemcachedState.Of(metadata.Flags, metadata.Stale, metadata.WinTokenSent) : null;
        if (change.Has(ChangeOperations.KeyRemoved))
        {
            Remove(change.Key, change.Kind, change.Reason);
        }
        else if (change.Has(ChangeOperations.ValueSet))
        {
            CacheValue value = change.Type == ValueKind.Hash ? HashOf(change.Fields ?? []) : new StringValue(change.Value ?? []);
            Store(change.Key.ToArray(), value, expiresAtMs, memcached, change.Reason);
        }
        else if (change.Has(ChangeOperations.FieldsSet))
        {
            SetFields(change.Key, [.. change.Fields ?? []], ListpackLimits.HashDefaults, change.Reason);
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
