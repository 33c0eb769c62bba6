using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// The expiry options SET and GETEX share (EX PX EXAT PXAT), converted to an absolute time in
/// milliseconds as getExpireMillisecondsOrReply in t_string.c does, with its checks and errors.
/// </summary>
internal static class ExpiryArgs
{
    public enum Unit
    {
        None,
        Seconds,
        Milliseconds,
        UnixSeconds,
        UnixMilliseconds,
    }

    /// <summary>The latest time a clock can represent; later expiries are held there so timers never overflow.</summary>
    public static readonly long LatestMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static long Clamp(long expiresAtMs) => Math.Min(expiresAtMs, LatestMs);

    public static Unit UnitOf(byte[] option) =>
        RedisArgs.Is(option, "EX") ? Unit.Seconds
        : RedisArgs.Is(option, "PX") ? Unit.Milliseconds
        : RedisArgs.Is(option, "EXAT") ? Unit.UnixSeconds
        : RedisArgs.Is(option, "PXAT") ? Unit.UnixMilliseconds
        : Unit.None;

    /// <summary>The absolute expiry, or an error reply naming <paramref name="command"/>.</summary>
    public static bool TryResolve(byte[] argument, Unit unit, long nowMs, string command, out long expiresAtMs, out RedisReply? error)
    {
        expiresAtMs = CacheEntry.NoExpiry;
        error = null;
        if (!RedisArgs.TryInteger(argument, out var amount))
        {
            error = RedisReply.NotInteger;
            return false;
        }

        var inSeconds = unit is Unit.Seconds or Unit.UnixSeconds;
        if (amount <= 0 || (inSeconds && amount > long.MaxValue / 1000))
        {
            error = RedisArgs.Error(RespErrors.InvalidExpireTime, command);
            return false;
        }

        var ms = inSeconds ? amount * 1000 : amount;
        if (unit is Unit.Seconds or Unit.Milliseconds)
        {
            if (ms > long.MaxValue - nowMs)
            {
                error = RedisArgs.Error(RespErrors.InvalidExpireTime, command);
                return false;
            }

            ms += nowMs;
        }

        expiresAtMs = Clamp(ms);
        return true;
    }
}
