using static ReactiveCache.Fuzz.Corpus.BoundaryValues;

namespace ReactiveCache.Fuzz.Corpus;

/// <summary>memcached text and meta commands, and the same with boundary numbers, lengths, keys and flags.</summary>
internal static class MemcachedCorpus
{
    public static readonly string[] Valid =
    [
        "set k 5 0 3\r\nabc\r\n", "get k\r\n", "gets k a b\r\n", "add a 0 0 1\r\n1\r\n", "replace k 0 100 2\r\nxy\r\n",
        "append k 0 0 1\r\nz\r\n", "prepend k 0 0 1\r\nz\r\n", "cas k 0 0 1 1\r\nq\r\n", "incr n 5\r\n", "decr n 2\r\n",
        "set n 0 0 2\r\n10\r\n", "touch k 10\r\n", "gat 10 k\r\n", "gats 0 k\r\n", "delete k\r\n", "delete k 0\r\n",
        "flush_all\r\n", "flush_all 10\r\n", "flush_all noreply\r\n", "version\r\n", "verbosity 1\r\n", "stats\r\n", "stats settings\r\n",
        "stats items\r\n", "stats slabs\r\n", "stats reset\r\n", "set q 0 0 1 noreply\r\nq\r\n", "\r\n",
        "ms k 2 T10 F5 I\r\nhi\r\n", "ms k 2 MA\r\nhi\r\n", "ms k 1 MS C1 q\r\nx\r\n", "mg k v f t c k s h l O123\r\n",
        "mg k N30 R10 E5\r\n", "ma n N0 J13 D2 MI v\r\n", "ma n MD\r\n", "md k q\r\n", "md k I T30\r\n", "mn\r\n", "me k\r\n",
        "mg a b c\r\n", "quit\r\n",
    ];

    public static string Boundary(Random random)
    {
        var n = Number(random);
        var m = Number(random);
        return random.Next(16) switch
        {
            0 => $"set k 0 0 {Length(random)}\r\nabcd\r\nget k\r\n",
            1 => $"set k {n} {m} 1\r\nx\r\nget k\r\n",
            2 => $"set n 0 0 1\r\n1\r\nincr n {n}\r\ndecr n {m}\r\nincr n 18446744073709551615\r\nincr n 1\r\n",
            3 => $"set k 0 0 1\r\nx\r\ntouch k {n}\r\ngat {m} k\r\ngats {n} k\r\n",
            4 => $"cas k 0 0 1 {n}\r\nx\r\nflush_all {m}\r\nverbosity {n}\r\ndelete k {m}\r\n",
            5 => "get " + string.Join(' ', Enumerable.Range(0, random.Next(1, 30_000)).Select(i => "k" + i)) + "\r\n",
            6 => $"set {new string('k', random.Next(240, 70_000))} 0 0 1\r\nx\r\nget {new string('k', 251)}\r\n",
            7 => "mg k " + string.Join(' ', Enumerable.Range(0, random.Next(1, 10_000)).Select(_ => "vfktcshlO"[random.Next(9)].ToString())) + "\r\n",
            8 => $"ms k 1 {string.Concat(Enumerable.Repeat("I ", random.Next(1, 5_000)))}\r\nx\r\n",
            9 => $"ms k {Length(random)} T{n}\r\nxy\r\nmg k T{m} N{n} R{m} E{n}\r\n",
            10 => $"ma n N{n} J{m} D{n} MI\r\nma n MD D{m}\r\nma n D18446744073709551615\r\n",
            11 => $"mg k O{new string('o', random.Next(1, 70_000))} v\r\nmn\r\n",
            12 => $"ms k 2 {string.Concat(Enumerable.Range(0, random.Next(1, 3_000)).Select(_ => "TFCIqkOSMEN"[random.Next(11)] + n + " "))}\r\nhi\r\n",
            13 => $"md k C{n} T{m} q\r\nme {new string('k', random.Next(1, 5_000))}\r\n",
            14 => $"set k 0 0 {random.Next(1, 2_000_000)}\r\n" + new string('v', random.Next(0, 100_000)) + "\r\n",
            _ => $"ms {Convert.ToBase64String(new byte[random.Next(1, 400)])} 1 b\r\nx\r\nmg {n} b v\r\n",
        };
    }
}
