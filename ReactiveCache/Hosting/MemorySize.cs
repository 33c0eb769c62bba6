using System.Globalization;

namespace ReactiveCache.Hosting;

/// <summary>
/// Sizes written as redis.conf writes them (memtoull in util.c): a whole number of bytes, optionally followed
/// by a unit, case-insensitive: <c>b</c>; <c>k</c>, <c>m</c>, <c>g</c> (powers of 1000); <c>kb</c>, <c>mb</c>,
/// <c>gb</c> (powers of 1024). <c>64mb</c> is 67108864, <c>1k</c> is 1000.
/// </summary>
public static class MemorySize
{
    /// <summary>
    /// Reads a size; false for an empty, negative, fractional or overflowing number or an unknown unit,
    /// so a typo never becomes "no limit".
    /// </summary>
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        var trimmed = text?.Trim() ?? "";
        var digits = 0;
        while (digits < trimmed.Length && char.IsAsciiDigit(trimmed[digits]))
        {
            digits++;
        }

        if (digits == 0 || !TryUnit(trimmed[digits..].TrimStart(), out var unit))
        {
            return false;
        }

        if (!long.TryParse(trimmed.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        // Checked, so 9223372036854775807gb is refused rather than wrapped.
        try
        {
            bytes = checked(number * unit);
            return true;
        }
        catch (OverflowException)
        {
            bytes = 0;
            return false;
        }
    }

    /// <summary>A size in bytes, as CONFIG GET reports it (Redis answers with plain bytes).</summary>
    public static string Format(long bytes) => bytes.ToString(CultureInfo.InvariantCulture);

    private static bool TryUnit(string unit, out long multiplier)
    {
        multiplier = unit.ToLowerInvariant() switch
        {
            "" or "b" or "bytes" => 1,
            "k" => 1000,
            "kb" => 1024,
            "m" => 1000 * 1000,
            "mb" => 1024 * 1024,
            "g" => 1000L * 1000 * 1000,
            "gb" => 1024L * 1024 * 1024,
            _ => 0,
        };
        return multiplier != 0;
    }
}
