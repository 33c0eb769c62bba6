namespace ReactiveCache.Store.Values;

/// <summary>
/// What a key holds: one of a small closed family (<see cref="StringValue"/>, <see cref="HashValue"/>; lists, sets
/// and sorted sets join it). Each value knows its kind, what it costs in bytes and how to copy itself.
/// </summary>
/// <remarks>
/// A collection is owned by the store and changed in place, only inside a write (so HSET changes one field, not a
/// copy of the hash). Nothing outside the store's lock may hold a collection: whatever leaves the lock (a change, a
/// snapshot, a reply) carries the field arrays it needs, which are never changed once stored.
/// </remarks>
internal abstract class CacheValue
{
    /// <summary>The bookkeeping an object costs beyond its payload (header, references), in bytes.</summary>
    protected const long ObjectOverhead = 24;

    public abstract ValueKind Kind { get; }

    /// <summary>The bytes this value holds: payload plus an estimate of its bookkeeping, kept up to date by every edit.</summary>
    public abstract long Size { get; }

    /// <summary>An independent copy (COPY): an immutable value may return itself.</summary>
    public abstract CacheValue Copy();
}
