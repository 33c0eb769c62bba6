using ReactiveCache.Changes;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Store;

/// <summary>
/// One key of a database: its value, expiry and version. Owned by the <see cref="StoreWriter"/> and changed in place,
/// only under the store's lock; nothing outside the lock holds an entry (changes and replies carry the arrays they need).
/// </summary>
internal sealed class CacheEntry(byte[] key, CacheValue value, long expiresAtMs, ulong version, int slot)
{
    public const long NoExpiry = ChangeRecord.NoExpiry;

    /// <summary>The key array the dictionary holds for this entry.</summary>
    public byte[] Key { get; } = key;

    public CacheValue Value { get; set; } = value;

    public long ExpiresAtMs { get; set; } = expiresAtMs;

    /// <summary>The sequence number of the last change that touched the value or expiry: WATCH's version and memcached's CAS.</summary>
    public ulong Version { get; set; } = version;

    /// <summary>The key's place in its database's <see cref="KeySlots"/>.</summary>
    public int Slot { get; set; } = slot;

    /// <summary>The key's place among the keys that have a time to live (the volatile policies sample those); -1 without one.</summary>
    public int VolatileSlot { get; set; } = -1;

    /// <summary>The <see cref="Memory.AccessClock"/> stamp of the last command that used the key (LRU, OBJECT IDLETIME); 0 until first stamped.</summary>
    public long AccessStamp { get; set; }

    /// <summary>Redis's LFU counter (<see cref="Memory.LfuCounter"/>), counted while an LFU policy is in force.</summary>
    public byte Frequency { get; set; } = Memory.LfuCounter.Initial;

    /// <summary>The minute <see cref="Frequency"/> was last brought up to date (its decay clock).</summary>
    public ushort FrequencyMinute { get; set; }

    /// <summary>The bytes this entry adds to <c>used_memory</c>, as last accounted (<see cref="Memory.MemoryFootprint"/>).</summary>
    public long Footprint { get; set; }

    /// <summary>memcached's flags and marks, when a memcached client set some; null for everything else.</summary>
    public MemcachedState? Memcached { get; set; }

    public ValueKind Kind => Value.Kind;

    /// <summary>The string's bytes; <see cref="WrongTypeException"/> for an entry holding another type.</summary>
    public byte[] Bytes => StoreWriter.Expect<StringValue>(this, ValueKind.String).Bytes;

    /// <summary>memcached's client flags (0 when none were set).</summary>
    public uint Flags => Memcached?.Flags ?? 0;

    /// <summary>The latest expiry a clock can represent (the last millisecond of year 9999).</summary>
    public static readonly long LatestExpiry = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>The earliest expiry a clock can represent (year 1; anything before is long past anyway).</summary>
    public static readonly long EarliestExpiry = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

    /// <summary>
    /// Brings an expiry a client asked for into what a clock can represent: a time to live of a billion years
    /// means "as late as possible", not a crash when the expiry timer is armed.
    /// </summary>
    public static long Representable(long expiresAtMs) =>
        expiresAtMs == NoExpiry ? NoExpiry : Math.Clamp(expiresAtMs, EarliestExpiry, LatestExpiry);

    public bool HasExpiry => ExpiresAtMs != NoExpiry;

    public bool IsExpiredAt(long nowMs) => ExpiresAtMs <= nowMs;
}
