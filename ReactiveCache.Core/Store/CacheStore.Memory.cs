using ReactiveCache.Store;
using ReactiveCache.Store.Memory;

namespace ReactiveCache;

// The memory face of the store: what the keys take, the limit, the policy, and what eviction has done. Every figure
// is of the whole server (every database of it), as Redis's used_memory and maxmemory are.
public sealed partial class CacheStore
{
    /// <summary>
    /// The bytes the keys and values of every database take, as the store accounts them (Redis's <c>used_memory</c>):
    /// each key's arrays, objects and its share of the tables that index it.
    /// </summary>
    public long UsedMemory => _keyspace.Memory.Used;

    /// <summary>The most <see cref="UsedMemory"/> has been since the store was created (Redis's <c>used_memory_peak</c>).</summary>
    public long PeakUsedMemory => _keyspace.Memory.Peak;

    /// <summary>
    /// The bytes the replay buffer holds (Redis's <c>mem_not_counted_for_evict</c>): recent changes kept for resuming
    /// subscribers, bounded by <see cref="CacheStoreOptions.ReplayBufferBytes"/> for the whole server and not counted
    /// toward <see cref="MaxMemory"/>.
    /// </summary>
    public long ReplayMemory => _keyspace.Feed.ReplayMemory;

    /// <summary>Keys evicted to make room since the store was created (<c>evicted_keys</c>).</summary>
    public long EvictedKeys => _keyspace.Memory.EvictedKeys;

    /// <summary>Keys that expired since the store was created, found by a lookup or by the expiry timer (<c>expired_keys</c>).</summary>
    public long ExpiredKeys => _keyspace.Statistics.ExpiredKeys;

    /// <summary>Keyspace hits and misses of Redis read commands, and expired keys, of every database (INFO stats).</summary>
    internal KeyspaceStatistics KeyspaceStatistics => _keyspace.Statistics;

    /// <summary>Restarts the counts of hits, misses, expired and evicted keys (CONFIG RESETSTAT).</summary>
    internal void ResetStatistics() =>
        Write(0, static (writer, _) =>
        {
            writer.Memory.ResetEvictedKeys();
            writer.Statistics.Reset();
            return 0;
        });

    /// <summary>
    /// The limit on <see cref="UsedMemory"/> in bytes; 0 is none. Lowering it evicts one chunk at once (at most
    /// <see cref="CacheStoreOptions.EvictionsPerWrite"/> keys and about a millisecond) and the rest in chunks a
    /// millisecond apart on the store's scheduler, so other clients are served meanwhile and writes are not refused
    /// while it runs; under <see cref="EvictionPolicy.NoEviction"/> nothing is evicted and writes are refused instead.
    /// </summary>
    public long MaxMemory
    {
        get => _keyspace.Memory.Max;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _keyspace.Memory.Max = value;
            EvictInChunks();
        }
    }

    /// <summary>Which keys go when the store is full; changing it applies to the next write.</summary>
    public EvictionPolicy EvictionPolicy
    {
        get => _keyspace.Memory.Policy;
        set => Write(value, static (writer, policy) =>
        {
            writer.Memory.Policy = policy;
            writer.ForgetEvictionCandidates();
            return 0;
        });
    }

    /// <summary>How many keys of each database one eviction samples (Redis's <c>maxmemory-samples</c>, 1 to 64).</summary>
    public int EvictionSamples
    {
        get => _keyspace.Memory.Samples;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MemoryBudget.MaxSamples);
            _keyspace.Memory.Samples = value;
        }
    }

    /// <summary>Redis's <c>lfu-log-factor</c>: how slowly the access counter of the LFU policies grows.</summary>
    public int LfuLogFactor
    {
        get => _keyspace.Memory.LfuLogFactor;
        set => _keyspace.Memory.LfuLogFactor = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>Redis's <c>lfu-decay-time</c>: minutes without access per step down of the LFU counter; 0 never decays.</summary>
    public int LfuDecayMinutes
    {
        get => _keyspace.Memory.LfuDecayMinutes;
        set => _keyspace.Memory.LfuDecayMinutes = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>
    /// Whether a write that adds data would be refused now (<see cref="MemoryLimitExceededException"/>): the keys take
    /// more than the limit and the policy has nothing it may evict. Over the limit with something evictable, it evicts
    /// first, as Redis does before each command. Redis's dispatcher asks this before a <c>denyoom</c> command.
    /// </summary>
    public bool RefusesWrites()
    {
        if (!_keyspace.Memory.IsOver)
        {
            return false;
        }

        return Write(0, static (writer, _) => writer.RefusesGrowth);
    }

    /// <summary>The bytes one key takes (MEMORY USAGE), or null when it does not exist.</summary>
    public long? MemoryUsage(ReadOnlySpan<byte> key) =>
        Write(key, static (writer, key) => writer.TryGetUntouched(key, out _, out var entry) ? entry.Footprint : (long?)null);

    // One chunk of eviction in a write of its own (the write evicts as it begins and as it ends); returns whether the
    // keys are still over the limit with something left to evict, so the catch-up goes on.
    private bool EvictChunk()
    {
        if (_disposed || !_keyspace.Memory.IsOver)
        {
            return false;
        }

        return !Write(0, static (writer, _) => writer.RefusesGrowth) && _keyspace.Memory.IsOver;
    }

    // Lowering the limit: the first chunk now, the rest in the catch-up, so the caller (CONFIG SET, on a connection's
    // thread) returns at once and other clients are served while the store shrinks.
    private void EvictInChunks()
    {
        if (EvictChunk())
        {
            lock (_keyspace.Gate)
            {
                _keyspace.ScheduleCatchUp();
            }
        }
    }
}
