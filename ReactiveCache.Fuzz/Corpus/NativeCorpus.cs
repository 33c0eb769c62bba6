using static ReactiveCache.Fuzz.Corpus.BoundaryValues;

namespace ReactiveCache.Fuzz.Corpus;

/// <summary>The native line protocol's commands (NativeHelp.cs), and the same with boundary arguments.</summary>
internal static class NativeCorpus
{
    public static readonly string[] Valid =
    [
        "PUT k v\r\n", "GET k\r\n", "DEL k\r\n", "EXPIRE k 100\r\n", "TTL k\r\n", "PERSIST k\r\n", "KEYS\r\n", "KEYS k*\r\n",
        "WATCH k*\r\n", "WATCH * FROM 0\r\n", "UNWATCH\r\n", "PING\r\n", "STATS\r\n", "HELP\r\n", "\r\n", "PUT a 1\n", "GET a\n",
        "PUT \"spaced key\" \"a value\"\r\n", "QUIT\r\n",
    ];

    public static string Boundary(Random random)
    {
        var n = Number(random);
        return random.Next(10) switch
        {
            0 => $"PUT k v\r\nEXPIRE k {n}\r\nTTL k\r\n",
            1 => $"WATCH * FROM {n}\r\nPUT k v\r\nUNWATCH\r\n",
            2 => string.Concat(GlobPatterns.Keys.Take(3).Select(key => $"PUT {key} 1\r\n")) + $"KEYS {GlobPatterns.Pattern(random)}\r\n",
            3 => string.Concat(GlobPatterns.Keys.Take(3).Select(key => $"PUT {key} 1\r\n")) + $"WATCH {GlobPatterns.Pattern(random)}\r\nPUT {new string('a', 100)} 2\r\n",
            4 => $"PUT {new string('k', random.Next(1, 70_000))} v\r\nKEYS\r\n",
            5 => $"PUT k {new string('v', random.Next(1, 70_000))}\r\nGET k\r\n",
            6 => string.Concat(Enumerable.Repeat("WATCH *\r\n", random.Next(1, 2_000))) + "PUT k v\r\n",
            7 => "PUT " + string.Join(' ', Enumerable.Repeat("x", random.Next(1, 20_000))) + "\r\n",
            8 => $"PUT \"{new string('"', random.Next(1, 5_000))}\r\nPUT \"unterminated\r\nGET \"\r\n",
            _ => $"WATCH k FROM {n}\r\nWATCH k FROM\r\nWATCH\r\nEXPIRE k\r\nEXPIRE k {n} {n}\r\n",
        };
    }
}
