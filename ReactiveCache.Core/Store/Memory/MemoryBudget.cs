namespace ReactiveCache.Store.Memory;

/// <summary>
/// What every database of one server holds together, the limit on it and the policy that keeps it there. Written only
/// under the store's lock; the figures are read without it (each is one aligned 64-bit field, so a reader sees a
/// value that was true a moment ago, which is all INFO needs).
/// </summary>
internal sealed class MemoryBudget(CacheStoreOptions options)
{
    private long _used;
    private long _peak;
    private long _max = Math.Max(0, options.MaxMemory);
    private long _evicted;
    private EvictionPolicy _policy = options.EvictionPolicy;
    private int _samples = Math.Clamp(options.EvictionSamples, 1, MaxSamples);

    /// <summary>The bound on <c>maxmemory-samples</c>: Redis accepts any positive count, but past 64 a sample costs more than it ranks better, and a huge one would let CONFIG SET stall every eviction.</summary>
    public const int MaxSamples = 64;

    /// <summary>The bytes every key of every database takes (<see cref="MemoryFootprint"/>).</summary>
    public long Used => Volatile.Read(ref _used);

    /// <summary>The most <see cref="Used"/> has been (Redis's <c>used_memory_peak</c>), kept by every change, not sampled.</summary>
    public long Peak => Volatile.Read(ref _peak);

    /// <summary>The limit; 0 is none.</summary>
    public long Max
    {
        get => Volatile.Read(ref _max);
        set => Volatile.Write(ref _max, Math.Max(0, value));
    }

    public EvictionPolicy Policy
    {
        get => _policy;
        set => _policy = value;
    }

    public int Samples
    {
        get => _samples;
        set => _samples = Math.Clamp(value, 1, MaxSamples);
    }

    public int LfuLogFactor { get; set; } = Math.Max(0, options.LfuLogFactor);

    public int LfuDecayMinutes { get; set; } = Math.Max(0, options.LfuDecayMinutes);

    /// <summary>Keys evicted since the store was created (<c>evicted_keys</c>, memcached's <c>evictions</c>).</summary>
    public long EvictedKeys => Volatile.Read(ref _evicted);

    /// <summary>Whether the keys take more than the limit.</summary>
    public bool IsOver
    {
        get
        {
            var max = Max;
            return max > 0 && Used > max;
        }
    }

    /// <summary>Asks for a full collection when the store has freed enough (<see cref="GarbageNudge"/>).</summary>
    public GarbageNudge Garbage { get; } = new();

    /// <summary>Called under the store's lock by the one place that accounts every change.</summary>
    public void Add(long bytes)
    {
        Volatile.Write(ref _used, _used + bytes);
        if (_used > _peak)
        {
            Volatile.Write(ref _peak, _used);
        }

        if (bytes < 0)
        {
            Garbage.Freed(-bytes);
        }
    }

    /// <summary>Called under the store's lock for every key evicted.</summary>
    public void CountEviction() => Volatile.Write(ref _evicted, _evicted + 1);

    /// <summary>Under the store's lock: CONFIG RESETSTAT.</summary>
    public void ResetEvictedKeys() => Volatile.Write(ref _evicted, 0);
}
