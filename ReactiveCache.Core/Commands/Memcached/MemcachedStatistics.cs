namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// The per-command counters memcached reports under <c>stats</c>, shared by every memcached connection
/// and cleared by <c>stats reset</c>. Updated from many threads.
/// </summary>
internal sealed class MemcachedStatistics
{
    private readonly long[] _counters = new long[(int)Counter.Count];

    // The store counts evictions for every protocol (Redis's evicted_keys) and never forgets them; stats reset
    // clears memcached's evictions, so this remembers the store's count at the last reset.
    private long _evictedBeforeReset;

    internal enum Counter
    {
        CmdGet, CmdSet, CmdFlush, CmdTouch, GetHits, GetMisses, DeleteHits, DeleteMisses,
        IncrHits, IncrMisses, DecrHits, DecrMisses, CasHits, CasMisses, CasBadval, TouchHits, TouchMisses,
        TotalItems, MetaCommands, AuthCommands, AuthErrors, StoreTooLarge, StoreNoMemory, Count,
    }

    public void Add(Counter counter, long amount = 1) => Interlocked.Add(ref _counters[(int)counter], amount);

    public long this[Counter counter] => Interlocked.Read(ref _counters[(int)counter]);

    /// <summary>memcached's <c>evictions</c>: the store's evicted keys since the last <c>stats reset</c>.</summary>
    public long Evictions(long evictedKeys) => evictedKeys - Interlocked.Read(ref _evictedBeforeReset);

    public void Reset(long evictedKeys)
    {
        Interlocked.Exchange(ref _evictedBeforeReset, evictedKeys);
        for (var i = 0; i < _counters.Length; i++)
        {
            Interlocked.Exchange(ref _counters[i], 0);
        }
    }
}
