namespace ReactiveCache.Store.Memory;

/// <summary>
/// Chooses which keys go when the store is over its limit, as Redis's <c>evict.c</c> does: each round samples a few
/// keys of every database into a pool of the 16 best candidates seen so far, and evicts the best one still valid.
/// Runs under the store's lock.
/// </summary>
/// <remarks>
/// Differences from Redis, each for keeping what is used: the recency is <see cref="AccessClock"/>'s stamps, finer than
/// a millisecond, not a one-second clock; a pooled candidate used since it was pooled is dropped rather than evicted; a
/// database with no more keys than the sample size has all of them ranked, so small stores evict in exact order; and a
/// key the current command wrote is never its victim.
/// </remarks>
internal sealed class Evictor(MemoryBudget budget, AccessClock clock)
{
    private const int PoolSize = 16;
    private const int Rounds = 4;

    // A sparse table (a small one is never packed) can defeat random sampling; then this many slots are walked.
    private const int WalkedSlots = 4096;

    // One call holds the store's lock for at most about this long, whatever the sample size and the number of databases.
    private static readonly long s_budgetTicks = System.Diagnostics.Stopwatch.Frequency / 1000;

    // Ascending by score: the best candidate is the last.
    private readonly Candidate[] _pool = new Candidate[PoolSize];
    private int _count;
    private int _nextDatabase;

    /// <summary>
    /// Evicts until the keys take at most <paramref name="target"/> bytes, or <paramref name="maxKeys"/> are gone.
    /// Keys whose version is after <paramref name="protectedAfter"/> (what the command in progress wrote) stay.
    /// </summary>
    public EvictionProgress EvictDownTo(IReadOnlyList<StoreWriter> databases, long target, long protectedAfter, long nowMs, int maxKeys)
    {
        var policy = budget.Policy;
        if (policy == EvictionPolicy.NoEviction)
        {
            return budget.Used <= target ? EvictionProgress.Done : EvictionProgress.Failed;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var evicted = 0; budget.Used > target; evicted++)
        {
            if (evicted == maxKeys || (evicted % 16 == 15 && System.Diagnostics.Stopwatch.GetTimestamp() - started > s_budgetTicks))
            {
                return EvictionProgress.Running;
            }

            var found = policy is EvictionPolicy.AllKeysRandom or EvictionPolicy.VolatileRandom
                ? TryPickRandom(databases, policy.IsVolatile(), protectedAfter, out var writer, out var key)
                : TryPickRanked(databases, policy, protectedAfter, nowMs, out writer, out key);
            if (!found)
            {
                return EvictionProgress.Failed;
            }

            writer.Evict(key);
            budget.CountEviction();
        }

        return EvictionProgress.Done;
    }

    /// <summary>Forgets the pooled candidates (after a flush or a change of policy, their scores mean nothing).</summary>
    public void Clear()
    {
        Array.Clear(_pool);
        _count = 0;
    }

    // Each round samples the next database (round robin: the pool keeps the best of earlier rounds, so sixteen databases
    // cost one database's samples per eviction, not sixteen). When sampling finds nothing valid, every database's slots
    // are walked before the answer is "nothing to evict".
    private bool TryPickRanked(IReadOnlyList<StoreWriter> databases, EvictionPolicy policy, long protectedAfter, long nowMs, out StoreWriter writer, out byte[] key)
    {
        var nowMinute = clock.Minutes(nowMs);
        for (var round = 0; round <= Rounds; round++)
        {
            if (round < Rounds)
            {
                if (NextDatabase(databases, policy) is { } database)
                {
                    Sample(database, policy, protectedAfter, nowMinute, walk: false);
                }
            }
            else
            {
                foreach (var database in databases)
                {
                    Sample(database, policy, protectedAfter, nowMinute, walk: true);
                }
            }

            while (_count > 0)
            {
                var best = _pool[--_count];
                _pool[_count] = default;
                // Still there, not written by this command, not used since it was pooled, and under a volatile policy
                // still with a time to live (PERSIST or a plain SET may have taken it since, as Redis rechecks db->expires):
                // otherwise look further.
                if (best.Writer.TryPeek(best.Key, out key, out var entry) && entry.Version <= (ulong)protectedAfter
                    && (!policy.IsVolatile() || entry.HasExpiry) && Score(entry, policy, nowMinute) >= best.Score)
                {
                    writer = best.Writer;
                    return true;
                }
            }
        }

        writer = null!;
        key = [];
        return false;
    }

    private StoreWriter? NextDatabase(IReadOnlyList<StoreWriter> databases, EvictionPolicy policy)
    {
        for (var i = 0; i < databases.Count; i++)
        {
            var database = databases[_nextDatabase++ % databases.Count];
            if ((policy.IsVolatile() ? database.VolatileSlots : database.Slots).Count > 0)
            {
                return database;
            }
        }

        return null;
    }

    private void Sample(StoreWriter database, EvictionPolicy policy, long protectedAfter, ushort nowMinute, bool walk)
    {
        var slots = policy.IsVolatile() ? database.VolatileSlots : database.Slots;
        if (slots.Count == 0)
        {
            return;
        }

        var samples = budget.Samples;
        if (slots.End <= samples || walk)
        {
            var start = slots.End <= samples ? 0 : Random.Shared.Next(slots.End);
            for (var i = 0; i < Math.Min(slots.End, WalkedSlots); i++)
            {
                Consider(database, slots.At((start + i) % slots.End), policy, protectedAfter, nowMinute);
            }

            return;
        }

        // A table of more than 1024 slots is at least a quarter full (KeySlots packs it), so four tries per sample find
        // one; a smaller, sparser one may find none, and then the walk above is the fallback.
        for (int tries = 0, taken = 0; taken < samples && tries < samples * 4; tries++)
        {
            if (slots.At(Random.Shared.Next(slots.End)) is { } candidate)
            {
                Consider(database, candidate, policy, protectedAfter, nowMinute);
                taken++;
            }
        }
    }

    private void Consider(StoreWriter database, byte[]? key, EvictionPolicy policy, long protectedAfter, ushort nowMinute)
    {
        if (key is null || !database.TryPeek(key, out _, out var entry) || entry.Version > (ulong)protectedAfter)
        {
            return;
        }

        Insert(new Candidate(database, entry.Key, Score(entry, policy, nowMinute)));
    }

    // Keeps the pool sorted with the fewest moves: in steady state most samples are younger than the whole pool and
    // leave at the first comparison; a full pool drops its worst by shifting only the entries below the new one.
    private void Insert(in Candidate candidate)
    {
        if (_count == PoolSize && candidate.Score <= _pool[0].Score)
        {
            return;
        }

        for (var i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_pool[i].Key, candidate.Key))
            {
                return;
            }
        }

        int at;
        if (_count == PoolSize)
        {
            // Drop the worst (index 0): everything up to the new one's place moves down one.
            at = 0;
            while (at + 1 < PoolSize && _pool[at + 1].Score < candidate.Score)
            {
                _pool[at] = _pool[at + 1];
                at++;
            }
        }
        else
        {
            at = _count++;
            while (at > 0 && _pool[at - 1].Score > candidate.Score)
            {
                _pool[at] = _pool[at - 1];
                at--;
            }
        }

        _pool[at] = candidate;
    }

    // Higher goes first. LRU: the oldest stamp. LFU: the lowest decayed counter, the oldest stamp among equals.
    // TTL: the soonest expiry.
    private long Score(CacheEntry entry, EvictionPolicy policy, ushort nowMinute)
    {
        const long StampMask = (1L << 55) - 1;
        var age = StampMask - Math.Min(entry.AccessStamp, StampMask);
        return policy switch
        {
            EvictionPolicy.AllKeysLfu or EvictionPolicy.VolatileLfu =>
                ((long)(byte.MaxValue - LfuCounter.Decayed(entry.Frequency, entry.FrequencyMinute, nowMinute, budget.LfuDecayMinutes)) << 55) | age,
            EvictionPolicy.VolatileTtl => long.MaxValue - entry.ExpiresAtMs,
            _ => age,
        };
    }

    private static bool TryPickRandom(IReadOnlyList<StoreWriter> databases, bool volatileOnly, long protectedAfter, out StoreWriter writer, out byte[] key)
    {
        var start = Random.Shared.Next(databases.Count);
        for (var i = 0; i < databases.Count; i++)
        {
            writer = databases[(start + i) % databases.Count];
            var slots = volatileOnly ? writer.VolatileSlots : writer.Slots;
            // Any key the command in progress did not write.
            if (slots.Count > 0 && RandomSlots.TryPick(slots, (Writer: writer, ProtectedAfter: protectedAfter), static (state, candidate) =>
                    state.Writer.TryPeek(candidate, out _, out var entry) && entry.Version <= (ulong)state.ProtectedAfter, out key))
            {
                return true;
            }
        }

        writer = null!;
        key = [];
        return false;
    }

    private readonly record struct Candidate(StoreWriter Writer, byte[] Key, long Score);
}

/// <summary>How far one call to <see cref="Evictor.EvictDownTo"/> got.</summary>
internal enum EvictionProgress
{
    /// <summary>The keys fit the limit.</summary>
    Done,

    /// <summary>It stopped at its count with more to evict: the rest follows in later calls.</summary>
    Running,

    /// <summary>Nothing more can be evicted: no key the policy may take (noeviction, or no key with a time to live).</summary>
    Failed,
}
