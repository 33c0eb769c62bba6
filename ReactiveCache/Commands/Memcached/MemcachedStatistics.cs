namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// The per-command counters memcached reports under <c>stats</c>, shared by every memcached connection
/// and cleared by <c>stats reset</c>. Updated from many threads.
/// </summary>
internal sealed class MemcachedStatistics
{
    private readonly long[] _counters = new long[(int)Counter.Count];

    internal enum Counter
    {
        CmdGet, CmdSet, CmdFlush, CmdTouch, GetHits, GetMisses, DeleteHits, DeleteMisses,
        IncrHits, IncrMisses, DecrHits, DecrMisses, CasHits, CasMisses, CasBadval, TouchHits, TouchMisses,
        TotalItems, MetaCommands, AuthCommands, AuthErrors, Count,
    }

    public void Add(Counter counter, long amount = 1) => Interlocked.Add(ref _counters[(int)counter], amount);

    public long this[Counter counter] => Interlocked.Read(ref _counters[(int)counter]);

    public void Reset()
    {
        for (var i = 0; i < _counters.Length; i++)
        {
            Interlocked.Exchange(ref _counters[i], 0);
        }
    }
}
