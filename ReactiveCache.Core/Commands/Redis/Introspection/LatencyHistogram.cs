using System.Numerics;

namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>
/// One command's latencies in nanoseconds, in log-linear buckets (8 per power of two, so a bucket is at most 12.5%
/// wide, close to the 2 significant digits of Redis's hdr_histogram): recording is a shift and one atomic increment,
/// with no allocation. Latencies past about 68 s count in the last bucket.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 3;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int MaxExponent = 36;
    private const int Count = (MaxExponent - SubBucketBits + 2) * SubBuckets;

    private readonly long[] _buckets = new long[Count];

    /// <summary>The calls recorded (a sum over the buckets: recording counts once).</summary>
    public long Total
    {
        get
        {
            Snapshot(out var total);
            return total;
        }
    }

    public void Record(long nanoseconds) => Interlocked.Increment(ref _buckets[IndexOf(nanoseconds)]);

    /// <summary>The latency, in nanoseconds, that <paramref name="percentile"/> (0 to 100) of the calls took at most.</summary>
    public long ValueAt(double percentile)
    {
        var counts = Snapshot(out var total);
        if (total == 0)
        {
            return 0;
        }

        // hdr_value_at_percentile: the smallest value whose cumulative count reaches the rank (at least the first call).
        var rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(percentile, 0, 100) / 100 * total));
        long seen = 0;
        for (var index = 0; index < counts.Length; index++)
        {
            seen += counts[index];
            if (seen >= rank)
            {
                return HighestIn(index);
            }
        }

        return HighestIn(counts.Length - 1);
    }

    /// <summary>
    /// LATENCY HISTOGRAM's buckets: cumulative counts at each power of two from 1024 ns up, as (microseconds, calls
    /// at most that long); only the buckets where the count grew (fillCommandCDF in latency.c).
    /// </summary>
    public IReadOnlyList<(long Microseconds, long Cumulative)> PowersOfTwo()
    {
        var counts = Snapshot(out _);
        var result = new List<(long, long)>();
        long cumulative = 0;
        long previous = 0;
        var index = 0;
        for (var exponent = 10; exponent <= MaxExponent + 1; exponent++)
        {
            var limit = 1L << exponent;
            while (index < counts.Length && HighestIn(index) < limit)
            {
                cumulative += counts[index++];
            }

            if (exponent == MaxExponent + 1)
            {
                while (index < counts.Length)
                {
                    cumulative += counts[index++];
                }
            }

            if (cumulative > previous)
            {
                result.Add(((limit - 1) / 1000, cumulative));
            }

            previous = cumulative;
        }

        return result;
    }

    public void Reset()
    {
        for (var i = 0; i < _buckets.Length; i++)
        {
            Interlocked.Exchange(ref _buckets[i], 0);
        }
    }

    internal static int IndexOf(long value)
    {
        if (value < SubBuckets)
        {
            return (int)Math.Max(value, 0);
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        if (exponent > MaxExponent)
        {
            return Count - 1;
        }

        var mantissa = (int)(value >> (exponent - SubBucketBits)) & (SubBuckets - 1);
        return (exponent - SubBucketBits + 1) * SubBuckets + mantissa;
    }

    /// <summary>The largest value that falls in bucket <paramref name="index"/>.</summary>
    internal static long HighestIn(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        var exponent = index / SubBuckets + SubBucketBits - 1;
        var mantissa = index % SubBuckets;
        var width = 1L << (exponent - SubBucketBits);
        return (1L << exponent) + (mantissa + 1) * width - 1;
    }

    private long[] Snapshot(out long total)
    {
        var counts = new long[_buckets.Length];
        total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Interlocked.Read(ref _buckets[i]);
            total += counts[i];
        }

        return counts;
    }
}
