using ReactiveCache.Store.Values;

namespace ReactiveCache.Store.Memory;

/// <summary>
/// What one key costs the process, in bytes, as the 64-bit runtime lays it out: the arrays with their headers and
/// alignment, the objects, and each collection's share of the tables that index it. The store adds these up into
/// <c>used_memory</c>, so the limit means something for the process's resident memory (docs/memory.md shows the
/// figures checked against the managed heap).
/// </summary>
internal static class MemoryFootprint
{
    /// <summary>A <c>byte[]</c>'s header: the object header, the type handle and the length.</summary>
    public const long ArrayHeader = 24;

    /// <summary>
    /// One entry's bookkeeping: the <see cref="CacheEntry"/> object (88 bytes), its share of the database's dictionary
    /// (a 24-byte entry and a 4-byte bucket, in tables that grow by doubling, so about 1.5 times that on average) and
    /// of its <see cref="KeySlots"/> (8 bytes, doubling too).
    /// </summary>
    public const long EntryOverhead = 88 + 42 + 12;

    /// <summary>
    /// What a time to live adds: an item in the expiry queue (key and due time, 16 bytes, in an array that doubles)
    /// and a slot among the keys that have one (the volatile policies sample those).
    /// </summary>
    public const long ExpiryOverhead = 24 + 12;

    /// <summary>memcached's flags and marks, when a memcached client set some: one small record.</summary>
    public const long MemcachedOverhead = 32;

    /// <summary>A byte array of <paramref name="length"/> bytes: header plus the payload rounded up to 8.</summary>
    public static long Array(int length) => ArrayHeader + ((length + 7L) & ~7L);

    /// <summary>Everything the entry holds: key, value, bookkeeping, and what its expiry and memcached state add.</summary>
    public static long Of(CacheEntry entry) =>
        EntryOverhead + Array(entry.Key.Length) + entry.Value.Size
        + (entry.HasExpiry ? ExpiryOverhead : 0)
        + (entry.Memcached is null ? 0 : MemcachedOverhead);
}
