namespace ReactiveCache;

/// <summary>Limits and behaviour of a <see cref="CacheStore"/>.</summary>
public sealed record CacheStoreOptions
{
    /// <summary>How many recent changes are kept so a subscriber can resume from a sequence number.</summary>
    public int ReplayBufferSize { get; init; } = 100_000;

    /// <summary>
    /// At most this many bytes of keys and values are kept in the replay buffer (every buffered change keeps its
    /// value alive); past it the oldest changes are dropped first, and a resume from before them reports a gap. One
    /// budget for the whole server (every database shares the buffer); reported as <c>mem_not_counted_for_evict</c>,
    /// and not counted toward <see cref="MaxMemory"/>, as Redis leaves its AOF and replica buffers out.
    /// </summary>
    public long ReplayBufferBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Whether each <see cref="CacheChange"/> carries the value the key had before it.</summary>
    public bool IncludePreviousValues { get; init; }

    /// <summary>
    /// The most the keys and values of every database together may take, in bytes (Redis's <c>maxmemory</c>); 0, the
    /// default, is no limit. Past it a write evicts keys by <see cref="EvictionPolicy"/> or is refused. Changeable while
    /// running with <see cref="CacheStore.MaxMemory"/>.
    /// </summary>
    public long MaxMemory { get; init; }

    /// <summary>Which keys go when the store is full (Redis's <c>maxmemory-policy</c>); by default none, as in Redis.</summary>
    public EvictionPolicy EvictionPolicy { get; init; } = EvictionPolicy.NoEviction;

    /// <summary>
    /// How many keys of each database one eviction samples (Redis's <c>maxmemory-samples</c>, 1 to 64): more is closer
    /// to exact and costs more per eviction. A database with no more keys than this has all of them ranked.
    /// </summary>
    public int EvictionSamples { get; init; } = 5;

    /// <summary>How slowly the LFU counter grows (Redis's <c>lfu-log-factor</c>): about 10^6 accesses reach 255 at 10.</summary>
    public int LfuLogFactor { get; init; } = 10;

    /// <summary>Every this many minutes without an access, a key's LFU counter drops by one (Redis's <c>lfu-decay-time</c>); 0 never decays.</summary>
    public int LfuDecayMinutes { get; init; } = 1;

    /// <summary>
    /// At most this many keys are evicted inside one write, so one huge value (or a lowered limit) never holds the lock
    /// for long; the rest are evicted right after, in chunks of this size, while writes go on.
    /// </summary>
    public int EvictionsPerWrite { get; init; } = 1_000;

    /// <summary>At most this many keys are expired per timer tick, so a mass expiry never holds the lock for long.</summary>
    public int MaxExpiriesPerTick { get; init; } = 1_000;
}
