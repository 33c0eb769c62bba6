namespace ReactiveCache.Store.Memory;

/// <summary>
/// When each key was last used, finer than any clock: a stamp is the store's milliseconds since it started, shifted
/// left by ten bits, and each access takes the next stamp after the last one, so two accesses in the same millisecond
/// still have an order (the LRU keeps what was read a moment ago, where Redis's one-second clock ties a whole burst).
/// Stamps never go backwards, even when the clock does. Accessed only under the store's lock.
/// </summary>
internal sealed class AccessClock(long epochMs)
{
    private const int SubMillisecondBits = 10;
    private long _last;

    /// <summary>The stamp for an access now: later than every stamp before it.</summary>
    public long Next(long nowMs) => _last = Math.Max(_last + 1, Elapsed(nowMs) << SubMillisecondBits);

    /// <summary>How long ago, in milliseconds, the access that took <paramref name="stamp"/> was (OBJECT IDLETIME).</summary>
    public long IdleMs(long stamp, long nowMs) => Math.Max(0, Elapsed(nowMs) - (stamp >> SubMillisecondBits));

    /// <summary>The stamp an access <paramref name="idleMs"/> ago would have had (RESTORE ... IDLETIME).</summary>
    public long StampIdleFor(long idleMs, long nowMs) => Math.Max(1, Elapsed(nowMs) - Math.Max(0, idleMs)) << SubMillisecondBits;

    /// <summary>Minutes since the store started, in 16 bits as Redis keeps them: the LFU counter's decay clock.</summary>
    public ushort Minutes(long nowMs) => (ushort)(Elapsed(nowMs) / 60_000);

    private long Elapsed(long nowMs) => Math.Clamp(nowMs - epochMs, 0, long.MaxValue >> (SubMillisecondBits + 1));
}

/// <summary>
/// Redis's LFU counter: 8 bits that grow logarithmically with accesses (the more it holds, the less likely an access
/// raises it, at a rate set by <c>lfu-log-factor</c>) and drop by one for every <c>lfu-decay-time</c> minutes
/// without access, so a key that was hot an hour ago does not stay ahead of one that is hot now. New keys start at 5,
/// so they are not the first to go before they have had a chance to be read.
/// </summary>
internal static class LfuCounter
{
    public const byte Initial = 5;

    /// <summary>The counter after the minutes since <paramref name="lastMinute"/>, 16-bit wrap-around included.</summary>
    public static byte Decayed(byte counter, ushort lastMinute, ushort nowMinute, int decayMinutes)
    {
        if (decayMinutes <= 0)
        {
            return counter;
        }

        var periods = (ushort)(nowMinute - lastMinute) / decayMinutes;
        return periods >= counter ? (byte)0 : (byte)(counter - periods);
    }

    /// <summary>One access: the counter rises with probability 1 / ((counter - 5) × factor + 1).</summary>
    public static byte Increment(byte counter, int logFactor)
    {
        if (counter == byte.MaxValue)
        {
            return counter;
        }

        var baseline = Math.Max(0, counter - Initial);
        var probability = 1.0 / ((baseline * (double)logFactor) + 1);
        return Random.Shared.NextDouble() < probability ? (byte)(counter + 1) : counter;
    }
}
