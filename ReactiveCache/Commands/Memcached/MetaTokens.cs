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

    private static bool IsNumber(MetaFlag flag) =>
        flag.Flag is 'C' or 'D' or 'J' or 'F'
            ? ulong.TryParse(flag.Token, out _)
            : long.TryParse(flag.Token, System.Globalization.NumberStyles.AllowLeadingSign, null, out _);
}
