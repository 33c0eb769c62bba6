using ReactiveCache.Store;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// memcached's exptime rule (protocol.txt, "Expiration times"), on the store's clock: 0 never expires,
/// up to 30 days is seconds from now, anything larger is an absolute Unix time, and a negative value
/// (or an absolute time already past) means the item is expired at once.
/// </summary>
internal static class MemcachedExpiry
{
    public const long MaxRelativeSeconds = 60 * 60 * 24 * 30;

    public static long ToExpiresAtMs(long exptime, long nowMs) => exptime switch
    {
        0 => CacheEntry.NoExpiry,
        < 0 => nowMs,
        <= MaxRelativeSeconds => nowMs + (exptime * 1000),
        _ => Math.Min(exptime, long.MaxValue / 1000 - 1) * 1000,
    };

    /// <summary>The same, reading the store clock only when the exptime needs it (0, the common case, does not).</summary>
    public static long ToExpiresAtMs(long exptime, StoreWriter writer) =>
        exptime == 0 ? CacheEntry.NoExpiry : ToExpiresAtMs(exptime, writer.NowMs);

    /// <summary>True when an entry with this expiry would already be gone.</summary>
    public static bool IsPast(long expiresAtMs, StoreWriter writer) =>
        expiresAtMs != CacheEntry.NoExpiry && expiresAtMs <= writer.NowMs;

    /// <summary>Whole seconds left, as the meta commands' <c>t</c> flag reports them: -1 for none.</summary>
    public static long RemainingSeconds(CacheEntry entry, long nowMs) => RemainingSeconds(entry.ExpiresAtMs, nowMs);

    public static long RemainingSeconds(long expiresAtMs, long nowMs) =>
        expiresAtMs != CacheEntry.NoExpiry ? Math.Max(0, (expiresAtMs - nowMs + 999) / 1000) : -1;
}
