namespace ReactiveCache;

/// <summary>
/// What the store does when a write takes it past <see cref="CacheStoreOptions.MaxMemory"/>: Redis's
/// <c>maxmemory-policy</c>, with its names (<see cref="EvictionPolicies.RedisName"/>) and meanings.
/// </summary>
public enum EvictionPolicy
{
    /// <summary>Evict nothing: writes are refused (Redis's <c>-OOM</c>) while reads and deletes go on.</summary>
    NoEviction,

    /// <summary>Evict the least recently used key of all.</summary>
    AllKeysLru,

    /// <summary>Evict the least recently used key among those with a time to live.</summary>
    VolatileLru,

    /// <summary>Evict the least frequently used key of all (Redis's logarithmic counter, decaying with time).</summary>
    AllKeysLfu,

    /// <summary>Evict the least frequently used key among those with a time to live.</summary>
    VolatileLfu,

    /// <summary>Evict a random key.</summary>
    AllKeysRandom,

    /// <summary>Evict a random key among those with a time to live.</summary>
    VolatileRandom,

    /// <summary>Evict the key with a time to live that is due soonest; a key without one is never evicted.</summary>
    VolatileTtl,
}

/// <summary>Redis's names for the <see cref="EvictionPolicy"/> values, and what each one samples.</summary>
public static class EvictionPolicies
{
    private static readonly string[] s_names =
        ["noeviction", "allkeys-lru", "volatile-lru", "allkeys-lfu", "volatile-lfu", "allkeys-random", "volatile-random", "volatile-ttl"];

    /// <summary>The name <c>maxmemory-policy</c> uses: <c>allkeys-lru</c>.</summary>
    public static string RedisName(this EvictionPolicy policy) => s_names[(int)policy];

    /// <summary>Reads a Redis policy name, in any case.</summary>
    public static bool TryParse(string? name, out EvictionPolicy policy)
    {
        var index = Array.FindIndex(s_names, candidate => string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase));
        policy = index < 0 ? EvictionPolicy.NoEviction : (EvictionPolicy)index;
        return index >= 0;
    }

    /// <summary>Every policy's Redis name, in Redis's order.</summary>
    public static IReadOnlyList<string> Names => s_names;

    /// <summary>Whether the policy evicts only keys with a time to live.</summary>
    public static bool IsVolatile(this EvictionPolicy policy) =>
        policy is EvictionPolicy.VolatileLru or EvictionPolicy.VolatileLfu or EvictionPolicy.VolatileRandom or EvictionPolicy.VolatileTtl;

    /// <summary>Whether the policy ranks keys by their access frequency (then keys count accesses instead of stamping them).</summary>
    public static bool IsLfu(this EvictionPolicy policy) => policy is EvictionPolicy.AllKeysLfu or EvictionPolicy.VolatileLfu;
}
