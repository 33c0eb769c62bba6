using System.Reactive.Concurrency;

namespace ReactiveCache.Networking;

/// <summary>
/// At most one log entry per interval for one kind of event, counting the ones left out: a flood of refused
/// connections is one warning a second that says how many more there were, never a line per connection.
/// Safe from many threads; the clock is the store's scheduler.
/// </summary>
internal sealed class LogThrottle(IScheduler clock, TimeSpan interval)
{
    private long _nextTicks = long.MinValue;
    private long _suppressed;

    /// <summary>
    /// Whether this event is logged now; if so, <paramref name="suppressed"/> is how many were not since the last one
    /// that was.
    /// </summary>
    public bool TryLog(out long suppressed)
    {
        var now = clock.Now.UtcTicks;
        var next = Volatile.Read(ref _nextTicks);
        if (now >= next && Interlocked.CompareExchange(ref _nextTicks, now + interval.Ticks, next) == next)
        {
            suppressed = Interlocked.Exchange(ref _suppressed, 0);
            return true;
        }

        Interlocked.Increment(ref _suppressed);
        suppressed = 0;
        return false;
    }
}
