using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis.Blocking;

/// <summary>The timeout of a blocking command, as getTimeoutFromObjectOrReply reads it: seconds, fractions allowed, 0 for ever.</summary>
internal static class BlockingTimeout
{
    // Redis refuses a timeout whose deadline would not fit a long of milliseconds; so does this, and so does a TimeSpan.
    private static readonly double s_longestMs = TimeSpan.MaxValue.TotalMilliseconds / 2;

    /// <summary>Parses the timeout, or answers Redis's error for a timeout that is not a number, negative, or too far.</summary>
    public static bool TryParse(byte[] argument, out TimeSpan timeout, out RedisReply? error)
    {
        timeout = TimeSpan.Zero;
        error = null;
        if (!RedisArgs.TryFloat(argument, out var seconds) || double.IsInfinity(seconds))
        {
            error = new RedisReply.Error(RespErrors.TimeoutNotFloat);
            return false;
        }

        var ms = Math.Ceiling(seconds * 1000);
        if (ms < 0)
        {
            error = new RedisReply.Error(RespErrors.TimeoutNegative);
            return false;
        }

        if (ms > s_longestMs)
        {
            error = new RedisReply.Error(RespErrors.TimeoutOutOfRange);
            return false;
        }

        timeout = TimeSpan.FromMilliseconds(ms);
        return true;
    }
}
