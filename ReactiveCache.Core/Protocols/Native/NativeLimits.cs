namespace ReactiveCache.Protocols.Native;

/// <summary>Fixed limits of the native protocol.</summary>
internal static class NativeLimits
{
    /// <summary>Keys are 1 to 250 bytes, as in memcached, so a key is valid in every protocol.</summary>
    public const int MaxKeyLength = 250;

    /// <summary>About 292 million years: any larger and milliseconds since 1970 overflow.</summary>
    public const long MaxExpireSeconds = long.MaxValue / 1000 / 2;
}
