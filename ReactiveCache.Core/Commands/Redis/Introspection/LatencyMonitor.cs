namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>
/// The latency monitor of latency.c: for each event ("command", "fast-command"), the latest 160 samples of at least
/// <see cref="ThresholdMilliseconds"/>, one per second (the highest of that second), and the highest ever seen.
/// Off (threshold 0) by default, as in Redis; written only for events over the threshold, under its own lock.
/// </summary>
internal sealed class LatencyMonitor
{
    /// <summary>LATENCY_TS_LEN in latency.h.</summary>
    public const int HistoryLength = 160;

    private readonly Dictionary<string, Series> _events = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _threshold;

    /// <summary>Redis's <c>latency-monitor-threshold</c>, in milliseconds; 0 turns the monitor off.</summary>
    public long ThresholdMilliseconds
    {
        get => Volatile.Read(ref _threshold);
        set => Volatile.Write(ref _threshold, value);
    }

    /// <summary>latencyAddSampleIfNeeded: records <paramref name="milliseconds"/> for <paramref name="name"/> if it reaches the threshold.</summary>
    public void Offer(string name, long milliseconds, long unixSeconds)
    {
        var threshold = ThresholdMilliseconds;
        if (threshold == 0 || milliseconds < threshold)
        {
            return;
        }

        lock (_gate)
        {
            if (!_events.TryGetValue(name, out var series))
            {
                _events[name] = series = new Series();
            }

            series.Add(unixSeconds, milliseconds);
        }
    }

    /// <summary>LATENCY LATEST: each event's latest sample and its all-time high.</summary>
    public IReadOnlyList<(string Name, long Time, long Latency, long Max)> Latest()
    {
        lock (_gate)
        {
            return _events.Select(pair => (pair.Key, pair.Value.Last.Time, pair.Value.Last.Latency, pair.Value.Max)).ToArray();
        }
    }

    /// <summary>LATENCY HISTORY event: its samples, oldest first; none for an event never seen.</summary>
    public IReadOnlyList<(long Time, long Latency)> History(string name)
    {
        lock (_gate)
        {
            return _events.TryGetValue(name, out var series) ? series.Samples() : [];
        }
    }

    /// <summary>LATENCY RESET [event ...]: forgets the events named (every one when none is); returns how many went.</summary>
    public int Reset(IReadOnlyCollection<string> names)
    {
        lock (_gate)
        {
            if (names.Count == 0)
            {
                var all = _events.Count;
                _events.Clear();
                return all;
            }

            var removed = 0;
            foreach (var name in _events.Keys.Where(key => names.Contains(key, StringComparer.OrdinalIgnoreCase)).ToArray())
            {
                removed += _events.Remove(name) ? 1 : 0;
            }

            return removed;
        }
    }

    private sealed class Series
    {
        private readonly (long Time, long Latency)[] _samples = new (long, long)[HistoryLength];
        private int _next;

        public long Max { get; private set; }

        public (long Time, long Latency) Last => _samples[(_next + HistoryLength - 1) % HistoryLength];

        public void Add(long time, long latency)
        {
            Max = Math.Max(Max, latency);
            var previous = (_next + HistoryLength - 1) % HistoryLength;
            if (_samples[previous].Time == time)
            {
                // One sample per second: the highest of it.
                _samples[previous].Latency = Math.Max(_samples[previous].Latency, latency);
                return;
            }

            _samples[_next] = (time, latency);
            _next = (_next + 1) % HistoryLength;
        }

        public IReadOnlyList<(long Time, long Latency)> Samples() =>
            Enumerable.Range(0, HistoryLength)
                .Select(offset => _samples[(_next + offset) % HistoryLength])
                .Where(sample => sample.Time != 0)
                .ToArray();
    }
}
