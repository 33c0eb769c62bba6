using System.Globalization;

namespace ReactiveCache.Networking;

/// <summary>
/// Redis's memory sizes (<c>memtoull</c> in util.c), for command-line options and CONFIG SET alike, so it sits
/// below both: digits, then nothing or one of b, k, kb, m, mb, g, gb in any case. k, m and g are powers of 1000
/// and kb, mb and gb powers of 1024, as in Redis. Negative numbers, fractions, spaces and sizes past
/// <see cref="long.MaxValue"/> are refused, so a typo never becomes "no limit". Spaces around it, and between the
/// number and the unit, are allowed; <c>bytes</c> is a unit too.
/// </summary>
internal static class MemorySize
{
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        text = text?.Trim() ?? "";
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        if (digits == 0 || !TryUnit(text[digits..].TrimStart(), out var unit)
            || !long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count > long.MaxValue / unit)
        {
            return false;
        }

        bytes = count * unit;
        return true;
    }

    /// <summary>
    /// True when <paramref name="text"/> is written as a size (digits, perhaps none, and a known unit) even if it
    /// does not fit in a long: Redis reports those as out of range rather than as "not a memory value".
    /// </summary>
    public static bool LooksLikeSize(string text)
    {
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }

        return TryUnit(text[digits..], out _);
    }

    /// <summary>A size in bytes, as CONFIG GET reports it (Redis answers with plain bytes).</summary>
    public static string Format(long bytes) => bytes.ToString(CultureInfo.InvariantCulture);

    /// <summary>The bytes one unit <paramref name="suffix"/> stands for: b or bytes (or nothing), k, kb, m, mb, g, gb, in any case.</summary>
    public static bool TryUnit(string suffix, out long unit)
    {
        unit = suffix.ToLowerInvariant() switch
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
        return unit != 0;
    }
}
