using System.Diagnostics;
using ReactiveCache.Commands.Redis.Introspection;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// One server's per-command counters (INFO commandstats and latencystats, LATENCY HISTOGRAM), cleared by CONFIG
/// RESETSTAT. The command table is shared and immutable; these counters are not, so each <see cref="RedisServer"/> has
/// its own. Updated from many threads; a call costs three atomic increments, on one command's own cache lines.
/// </summary>
internal sealed class CommandStatistics(RedisCommandTable commands)
{
    // calls, failed, rejected and time of one command side by side: one call touches one cache line of them.
    private const int Calls = 0, Failed = 1, Rejected = 2, Ticks = 3, Stride = 4;

    private static readonly double s_nanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly long[] _counters = new long[commands.All.Count * Stride];

    // Made on a command's first call (as Redis makes its hdr_histogram), so an unused command costs nothing.
    private readonly LatencyHistogram?[] _histograms = new LatencyHistogram?[commands.All.Count];

    /// <summary>Redis's <c>latency-tracking</c>: whether calls are recorded in the per-command histograms.</summary>
    public bool LatencyTracking { get; set; } = true;

    public long CallsOf(RedisCommand command) => Read(command, Calls);

    public long FailedCalls(RedisCommand command) => Read(command, Failed);

    public long RejectedCalls(RedisCommand command) => Read(command, Rejected);

    /// <summary>The time the command's calls took together, in microseconds.</summary>
    public long Microseconds(RedisCommand command) => (long)(Read(command, Ticks) * s_nanosecondsPerTick / 1000);

    /// <summary>The command's latency histogram, or null before its first call since the last reset.</summary>
    public LatencyHistogram? Histogram(RedisCommand command) => Volatile.Read(ref _histograms[command.Index]);

    /// <summary>A command refused before it ran (Redis's rejected_calls): it does not count as a call.</summary>
    public void Reject(RedisCommand command) => Interlocked.Increment(ref _counters[command.Index * Stride + Rejected]);

    /// <summary>A call that ran for <paramref name="ticks"/> of <see cref="Stopwatch"/>; <paramref name="failed"/> when it answered an error.</summary>
    public void Called(RedisCommand command, bool failed, long ticks)
    {
        var at = command.Index * Stride;
        Interlocked.Increment(ref _counters[at + Calls]);
        Interlocked.Add(ref _counters[at + Ticks], ticks);
        if (failed)
        {
            Interlocked.Increment(ref _counters[at + Failed]);
        }

        if (LatencyTracking)
        {
            (Volatile.Read(ref _histograms[command.Index]) ?? HistogramFor(command)).Record((long)(ticks * s_nanosecondsPerTick));
        }
    }

    /// <summary>A call that had answered later (a blocked command) ended with an error.</summary>
    public void FailedLater(RedisCommand command) => Interlocked.Increment(ref _counters[command.Index * Stride + Failed]);

    public void Reset()
    {
        for (var i = 0; i < _counters.Length; i++)
        {
            Interlocked.Exchange(ref _counters[i], 0);
        }

        for (var i = 0; i < _histograms.Length; i++)
        {
            Volatile.Write(ref _histograms[i], null);
        }
    }

    private long Read(RedisCommand command, int field) => Interlocked.Read(ref _counters[command.Index * Stride + field]);

    private LatencyHistogram HistogramFor(RedisCommand command)
    {
        var made = new LatencyHistogram();
        return Interlocked.CompareExchange(ref _histograms[command.Index], made, null) ?? made;
    }
}
