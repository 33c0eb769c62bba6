using System.Diagnostics;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>
/// What happens after each Redis command ran (the end of call() in server.c): commandstats and the latency histogram,
/// errorstats, the latency monitor, the slow log and MONITOR. The common case costs the counters and two comparisons:
/// the slow log and the latency monitor look at a command only when it took at least the smaller of their thresholds,
/// and MONITOR only while someone watches.
/// </summary>
internal sealed class CommandRecorder(RedisCommandTable commands, Func<DateTimeOffset> now)
{
    private static readonly double s_ticksPerMicrosecond = Stopwatch.Frequency / 1e6;

    // The fewest ticks that interest the slow log or the latency monitor; long.MaxValue when both are off.
    private long _attentionTicks = AttentionTicks(10_000, 0);

    public CommandStatistics Statistics { get; } = new(commands);

    public ErrorStatistics Errors { get; } = new();

    public SlowLog SlowLog { get; } = new();

    public LatencyMonitor Latency { get; } = new();

    public CommandMonitor Monitor { get; } = new();

    /// <summary>Changes <c>slowlog-log-slower-than</c> (microseconds; negative: off).</summary>
    public void SetSlowLogThreshold(long microseconds)
    {
        SlowLog.LogSlowerThanMicroseconds = microseconds;
        Volatile.Write(ref _attentionTicks, AttentionTicks(microseconds, Latency.ThresholdMilliseconds));
    }

    /// <summary>Changes <c>latency-monitor-threshold</c> (milliseconds; 0: off).</summary>
    public void SetLatencyThreshold(long milliseconds)
    {
        Latency.ThresholdMilliseconds = milliseconds;
        Volatile.Write(ref _attentionTicks, AttentionTicks(SlowLog.LogSlowerThanMicroseconds, milliseconds));
    }

    /// <summary>A command ran for <paramref name="ticks"/> and answered <paramref name="reply"/>.</summary>
    public void Called(RedisSession session, RedisCommand command, byte[][] args, RedisReply reply, long ticks)
    {
        var error = reply as RedisReply.Error;
        Statistics.Called(command, failed: error is not null, ticks);
        if (error is not null)
        {
            Errors.Count(error.Text);
        }

        if (ticks >= Volatile.Read(ref _attentionTicks))
        {
            Slow(session, command, args, ticks);
        }

        // Administrative commands are not shown (call() in server.c: too dangerous), nor is MONITOR itself.
        if (Monitor.IsWatched && !command.Has(RedisCommandFlags.Admin))
        {
            Publish(session, command, args);
        }
    }

    /// <summary>A command refused before it ran (unknown, wrong arity, NOAUTH, -OOM...): only its error counts.</summary>
    public void Refused(RedisReply error)
    {
        if (error is RedisReply.Error refusal)
        {
            Errors.Count(refusal.Text);
        }
    }

    /// <summary>CONFIG RESETSTAT: calls, errors, histograms. The slow log and latency events stay, as in Redis.</summary>
    public void Reset()
    {
        Statistics.Reset();
        Errors.Reset();
    }

    private void Slow(RedisSession session, RedisCommand command, byte[][] args, long ticks)
    {
        var microseconds = (long)(ticks / s_ticksPerMicrosecond);
        var unixSeconds = now().ToUnixTimeSeconds();
        Latency.Offer(command.Has(RedisCommandFlags.Fast) ? "fast-command" : "command", microseconds / 1000, unixSeconds);

        // EXEC is not logged: the commands it ran are, each on its own (CMD_SKIP_SLOWLOG).
        if (command.Name != "exec")
        {
            SlowLog.Offer(microseconds, SensitiveArguments.Redact(command, args), unixSeconds, session.PeerId, session.Name);
        }
    }

    private void Publish(RedisSession session, RedisCommand command, byte[][] args)
    {
        var shown = SensitiveArguments.Redact(command, args);
        var arguments = new ReadOnlyMemory<byte>[shown.Length];
        for (var i = 0; i < shown.Length; i++)
        {
            arguments[i] = shown[i];
        }

        var monitored = new MonitoredCommand(now(), session.DatabaseIndex, session.PeerId, arguments);
        if (session.RunningTransaction)
        {
            // EXEC runs its commands under the store lock, where nothing is delivered: they are shown when it returns.
            (session.HeldForMonitor ??= []).Add(monitored);
            return;
        }

        Monitor.Publish(monitored);
    }

    /// <summary>Shows the commands an EXEC ran, once its write has released the store lock, in the order they ran.</summary>
    public void ReleaseHeld(RedisSession session)
    {
        if (session.HeldForMonitor is not { } held)
        {
            return;
        }

        session.HeldForMonitor = null;
        foreach (var command in held)
        {
            Monitor.Publish(command);
        }
    }

    private static long AttentionTicks(long slowLogMicroseconds, long latencyMilliseconds)
    {
        var slow = slowLogMicroseconds < 0 ? long.MaxValue : Ticks(slowLogMicroseconds * s_ticksPerMicrosecond);
        var latency = latencyMilliseconds <= 0 ? long.MaxValue : Ticks(latencyMilliseconds * 1000.0 * s_ticksPerMicrosecond);
        return Math.Min(slow, latency);
    }

    // A threshold too large to reach is never reached (CONFIG SET accepts up to LLONG_MAX).
    private static long Ticks(double ticks) => ticks >= long.MaxValue ? long.MaxValue : (long)ticks;
}
