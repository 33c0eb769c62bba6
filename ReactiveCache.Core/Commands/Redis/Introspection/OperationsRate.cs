namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>
/// instantaneous_ops_per_sec without a timer: INFO takes a sample of the command count each time it is asked, and
/// the rate is the commands per second since the previous sample at least 100 ms older (Redis samples every 100 ms
/// in its cron). <c>redis-cli --stat</c> asks every second, so it sees the rate of that second.
/// </summary>
internal sealed class OperationsRate
{
    private readonly Lock _gate = new();
    private long _sampledAtMs = long.MinValue;
    private long _sampledCount;
    private long _rate;

    public long PerSecond(long nowMs, long commands)
    {
        lock (_gate)
        {
            if (_sampledAtMs == long.MinValue)
            {
                (_sampledAtMs, _sampledCount) = (nowMs, commands);
                return 0;
            }

            var elapsed = nowMs - _sampledAtMs;
            if (elapsed >= 100)
            {
                _rate = Math.Max(0, (commands - _sampledCount) * 1000 / elapsed);
                (_sampledAtMs, _sampledCount) = (nowMs, commands);
            }

            return _rate;
        }
    }
}
