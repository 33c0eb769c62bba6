namespace ReactiveCache;

/// <summary>
/// What a change did to its key, as flags because one command may do several things at once (SET ... EX sets the
/// value and the expiry). A change carries only what its operations need: an expiry-only change has no value, a
/// one-field HSET carries that field, not the hash.
/// </summary>
/// <remarks>
/// Applying a change's operations in sequence order rebuilds the store (<see cref="CacheStore.Apply"/>):
/// <list type="table">
/// <listheader><term>operation</term><description>carries, and means</description></listheader>
/// <item><term>ValueSet</term><description>the whole new value: <see cref="CacheChange.Value"/> for a string, every field in <see cref="CacheChange.Fields"/> for a hash, every element (as <see cref="ElementEdit.Added"/> edits, in order) in <see cref="CacheChange.Elements"/> for a list, set or sorted set</description></item>
/// <item><term>ExpiryChanged</term><description>the command set or cleared the time to live; <see cref="CacheChange.ExpiresAt"/> says which</description></item>
/// <item><term>FieldsSet</term><description>the fields set, with their new values</description></item>
/// <item><term>FieldsDeleted</term><description>the fields deleted (values null)</description></item>
/// <item><term>ElementsEdited</term><description>the list, set or sorted-set edits in <see cref="CacheChange.Elements"/>, in the order they were made</description></item>
/// <item><term>KeyRemoved</term><description>the key is gone; <see cref="CacheChange.Kind"/> says whether deleted, expired or evicted</description></item>
/// <item><term>DatabaseCleared</term><description>every key of the database is gone (a flush); the change has no key</description></item>
/// <item><term>MetadataChanged</term><description>only memcached's marks changed (<see cref="CacheChange.Memcached"/>)</description></item>
/// </list>
/// Every change also says the key's expiry after it, and memcached's metadata when the key has some.
/// </remarks>
[Flags]
public enum ChangeOperations
{
    /// <summary>No operation (the default of an empty value).</summary>
    None = 0,

    /// <summary>The whole value was replaced (or created).</summary>
    ValueSet = 1,

    /// <summary>The time to live was set, changed or removed.</summary>
    ExpiryChanged = 2,

    /// <summary>Hash fields were set.</summary>
    FieldsSet = 4,

    /// <summary>Hash fields were deleted.</summary>
    FieldsDeleted = 8,

    /// <summary>The key was removed.</summary>
    KeyRemoved = 16,

    /// <summary>Only memcached's stale and recache marks changed.</summary>
    MetadataChanged = 32,

    /// <summary>Elements of a list, set or sorted set were added, removed or replaced.</summary>
    ElementsEdited = 64,

    /// <summary>Every key of the database was removed (a <see cref="ChangeKind.Cleared"/> change; it names no key).</summary>
    DatabaseCleared = 128,
}
