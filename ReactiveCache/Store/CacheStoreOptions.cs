namespace ReactiveCache;

/// <summary>Limits and behaviour of a <see cref="CacheStore"/>.</summary>
public sealed record CacheStoreOptions
{
    /// <summary>How many recent changes are kept so a subscriber can resume from a sequence number.</summary>
    public int ReplayBufferSize { get; init; } = 100_000;

    /// <summary>
    /// At most this many bytes of keys and values are kept in the replay buffer (every buffered change keeps its
    /// value alive); past it the oldest changes are dropped first, and a resume from before them reports a gap.
    /// </summary>
    public long ReplayBufferBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Whether each <see cref="CacheChange"/> carries the value the key had before it.</summary>
    public bool IncludePreviousValues { get; init; }

    /// <summary>At most this many keys are expired per timer tick, so a mass expiry never holds the lock for long.</summary>
    public int MaxExpiriesPerTick { get; init; } = 1_000;
}
