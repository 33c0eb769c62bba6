using ReactiveCache.Protocols.Memcached;

namespace ReactiveCache.Commands.Memcached;

/// <summary>Which meta flags carry a numeric token, checked before anything is executed.</summary>
internal static class MetaTokens
{
    private const string Numeric = "CDJNRTF";

    /// <summary>The error line for a flag whose token must be a number and is not; null when all are fine.</summary>
    public static string? Validate(MetaRequest request)
    {
        foreach (var flag in request.Flags)
        {
            if (Numeric.Contains(flag.Flag) && flag.Token.Length > 0 && !IsNumber(flag))
            {
                return MemcachedErrors.BadToken;
            }
        }

        return null;
    }

    // Client flags are 32 bits in memcached (safe_strtoflags): a larger F is refused, not cut to its low bits.
    private static bool IsNumber(MetaFlag flag) => flag.Flag switch
    {
        'F' => uint.TryParse(flag.Token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _),
        'C' or 'D' or 'J' => ulong.TryParse(flag.Token, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _),
        _ => long.TryParse(flag.Token, System.Globalization.NumberStyles.AllowLeadingSign, null, out _),
    };
}
