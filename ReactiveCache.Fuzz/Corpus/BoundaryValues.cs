namespace ReactiveCache.Fuzz.Corpus;

/// <summary>
/// The arguments an attacker tries first: the edges of every integer type a parser might use, their neighbours
/// past the edge, floats that are not numbers, and text that only looks like a number.
/// </summary>
internal static class BoundaryValues
{
    public static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "+1", "01", "00000000000000000000001", " 1", "1 ", "1.5", "-1.5", "1e3", "0x10",
        "127", "128", "255", "256", "32767", "32768", "65535", "65536",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "-18446744073709551616",
        "99999999999999999999999999999999999999", "-99999999999999999999999999999999999999",
        "1e308", "1e309", "-1e309", "2.5e-324", "inf", "-inf", "+inf", "nan", "NaN", "", "-", "+", ".", "1-", "--1",
        "536870911", "536870912", "1073741824", "2592000", "2592001", "1700000000", "253402300800",
    ];

    /// <summary>Lengths and counts for length prefixes (<c>*N</c>, <c>$N</c>, memcached byte counts).</summary>
    public static readonly string[] Lengths =
    [
        "0", "-1", "-2", "1", "2147483647", "2147483648", "-2147483648", "4294967295", "4294967296",
        "9223372036854775807", "9223372036854775808", "18446744073709551616", "536870912", "536870913", "", "+1", "1x", " 3",
    ];

    public static string Number(Random random) => Numbers[random.Next(Numbers.Length)];

    public static string Length(Random random) => Lengths[random.Next(Lengths.Length)];
}
