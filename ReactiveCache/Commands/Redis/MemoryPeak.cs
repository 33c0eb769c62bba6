namespace ReactiveCache.Commands.Redis;

/// <summary>The highest figure seen so far (Redis's stat_peak_memory), raised by whoever reads the figure; many threads.</summary>
internal sealed class MemoryPeak
{
    private long _peak;

    /// <summary>Records <paramref name="used"/> and answers the peak including it.</summary>
    public long Observe(long used)
    {
        var peak = Interlocked.Read(ref _peak);
        while (used > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peak, used, peak);
            if (seen == peak)
            {
                return used;
            }

            peak = seen;
        }

        return peak;
    }
}
