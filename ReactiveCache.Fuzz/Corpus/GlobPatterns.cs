namespace ReactiveCache.Fuzz.Corpus;

/// <summary>
/// Glob patterns whose naive backtracking match is exponential in the number of stars, or that end in the
/// middle of a class or an escape. Each comes with keys that make it expensive: long runs of 'a' with no 'b'.
/// </summary>
internal static class GlobPatterns
{
    public static readonly string[] Keys =
    [
        new string('a', 64), new string('a', 200), new string('a', 1000) + "c", "a", "ab", "[", "\\", "*",
    ];

    public static string Pattern(Random random) => random.Next(10) switch
    {
        0 => string.Concat(Enumerable.Repeat("*a", random.Next(8, 64))) + "*b",
        1 => string.Concat(Enumerable.Repeat("a*", random.Next(8, 64))) + "b",
        2 => string.Concat(Enumerable.Repeat("*?", random.Next(8, 64))) + "b",
        3 => string.Concat(Enumerable.Repeat("[a-z]*", random.Next(8, 64))) + "b",
        4 => new string('*', random.Next(100, 20_000)) + "b",
        5 => string.Concat(Enumerable.Repeat("[", random.Next(1, 2_000))),
        6 => new[] { "[", "[^", "[a-", "[z-a]", "\\", "a\\", "[\\", "[]", "[!]", "[^]]", "*[", "?*[a" }[random.Next(12)],
        7 => string.Concat(Enumerable.Repeat("\\*", random.Next(1, 5_000))),
        8 => new string('?', random.Next(1, 70_000)),
        _ => string.Concat(Enumerable.Repeat("*a*", random.Next(8, 32))) + "[b]",
    };
}
