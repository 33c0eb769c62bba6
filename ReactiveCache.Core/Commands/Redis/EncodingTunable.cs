using System.Globalization;
using ReactiveCache.Networking;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>How Redis parses and bounds one tunable (the numeric config types of config.c).</summary>
internal enum TunableKind
{
    /// <summary>createSizeTConfig with INTEGER_CONFIG: a plain integer, bounds checked as unsigned.</summary>
    Count,

    /// <summary>createIntConfig: a plain integer, bounds checked as signed.</summary>
    Integer,

    /// <summary>createSizeTConfig with MEMORY_CONFIG: a memory size (memtoull: digits and b, k, kb, m, mb, g, gb).</summary>
    Memory,
}

/// <summary>
/// One of Redis 7.0's encoding tunables, as its src/config.c declares it: name, the older ziplist alias,
/// bounds and default. Immutable and shared; each server's values live in its <see cref="EncodingLimits"/>.
/// Redis 7.2's <c>set-max-listpack-entries</c> is absent, as in 7.0.15.
/// </summary>
internal sealed record EncodingTunable(int Index, string Name, string? Alias, TunableKind Kind, long Minimum, long Maximum, long Default)
{
    public static readonly IReadOnlyList<EncodingTunable> All =
    [
        new(0, "hash-max-listpack-entries", "hash-max-ziplist-entries", TunableKind.Count, 0, long.MaxValue, 512),
        new(1, "hash-max-listpack-value", "hash-max-ziplist-value", TunableKind.Memory, 0, long.MaxValue, 64),
        new(2, "list-max-listpack-size", "list-max-ziplist-size", TunableKind.Integer, int.MinValue, int.MaxValue, -2),
        new(3, "list-compress-depth", null, TunableKind.Integer, 0, int.MaxValue, 0),
        new(4, "set-max-intset-entries", null, TunableKind.Count, 0, long.MaxValue, 512),
        new(5, "zset-max-listpack-entries", "zset-max-ziplist-entries", TunableKind.Count, 0, long.MaxValue, 128),
        new(6, "zset-max-listpack-value", "zset-max-ziplist-value", TunableKind.Memory, 0, long.MaxValue, 64),
    ];

    /// <summary>The tunable called <paramref name="name"/> or its alias, in any case.</summary>
    public static EncodingTunable? Find(string name) =>
        All.FirstOrDefault(tunable => tunable.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
            || (tunable.Alias?.Equals(name, StringComparison.OrdinalIgnoreCase) ?? false));

    /// <summary>The names CONFIG GET matches, each alias right after its name.</summary>
    public IEnumerable<string> Names => Alias is null ? [Name] : [Name, Alias];

    /// <summary>numericConfigSet's parse and boundary check, failing with Redis's words for the reason.</summary>
    public bool TryParse(string text, out long value, out string error)
    {
        error = "";
        var parsed = Kind == TunableKind.Memory ? TryMemory(text, out value) : TryInteger(text, out value);
        if (!parsed)
        {
            error = Kind == TunableKind.Memory ? RespErrors.ConfigNotMemory : RespErrors.ConfigNotInteger;
            return false;
        }

        // A negative count wraps to a huge unsigned number in Redis, so it fails the same range check.
        if (value < Minimum || value > Maximum)
        {
            error = string.Format(CultureInfo.InvariantCulture, RespErrors.ConfigOutOfRange, Minimum, Maximum);
            return false;
        }

        return true;
    }

    public string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    // string2ll in util.c: an optional minus and digits without a leading zero, nothing else (no '+', no spaces).
    private static bool TryInteger(string text, out long value)
    {
        value = 0;
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        var canonical = text == "0" || (digits.Length > 0 && digits[0] is >= '1' and <= '9' && !digits.ContainsAnyExceptInRange('0', '9'));
        return canonical && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    // memtoull in util.c: digits (perhaps none, which is 0), then a unit or nothing (MemorySize's units, which also
    // take "bytes", as the command line does; Redis would refuse it). A size too large for a long
    // becomes -1 here, so the range check reports it as Redis reports an unsigned size past LONG_MAX.
    private static bool TryMemory(string text, out long value)
    {
        value = 0;
        var digits = text.AsSpan().IndexOfAnyExceptInRange('0', '9') is var end and >= 0 ? end : text.Length;
        if (!MemorySize.TryUnit(text[digits..], out var unit))
        {
            return false;
        }

        var fits = digits == 0 || long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out value);
        value = fits && value <= long.MaxValue / unit ? value * unit : -1;
        return true;
    }
}
