namespace ReactiveCache.Store.Values;

/// <summary>
/// A list, set or sorted set: a collection of elements changed in place under the store's lock. Every edit is also
/// described as <see cref="ElementChange"/>s on the change stream, and <see cref="Apply"/> replays one, so a change
/// log rebuilds the collection exactly.
/// </summary>
internal abstract class CollectionValue : CacheValue
{
    /// <summary>How many elements (members) the collection holds; an empty collection is never stored.</summary>
    public abstract int Count { get; }

    /// <summary>Replays one edit recorded by a change (replaying a change log, <see cref="CacheStore.Apply"/>).</summary>
    public abstract void Apply(in ElementChange edit);

    /// <summary>Every element as the <see cref="ElementEdit.Added"/> edits that build this value from nothing, in order.</summary>
    public abstract ElementChange[] ToElements();

    /// <summary>An empty collection of <paramref name="kind"/>, for a change that creates one.</summary>
    public static CollectionValue Empty(ValueKind kind) => kind switch
    {
        ValueKind.List => new ListValue(),
        ValueKind.Set => new SetValue(),
        ValueKind.SortedSet => new SortedSetValue(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a list, set or sorted set"),
    };
}
