using System.Text;
using ReactiveCache.Fuzz.Corpus;

namespace ReactiveCache.Fuzz;

/// <summary>
/// Case <c>i</c> of seed <c>s</c>: its own <see cref="Random"/> is seeded from both, so any one case can be
/// rebuilt alone (<c>--seed s --case i</c>) without generating the ones before it.
/// </summary>
internal static class CaseGenerator
{
    private static readonly int[] s_chunkSizes = [1, 2, 3, 7, 16, 100, 1460, 65536];

    public static FuzzCase Create(int seed, int index, IReadOnlyList<Wire> wires, long floodBytes)
    {
        // HashCode is randomized per process: mix the two numbers by hand so a seed means the same cases everywhere.
        var random = new Random(unchecked((seed * 1_000_003) ^ (index * 7_919) ^ index));
        var wire = wires[index % wires.Count];
        if (floodBytes > 0 && random.Next(40) == 0)
        {
            return Flood(seed, index, wire, random, floodBytes);
        }

        var kind = (CaseKind)random.Next(3);
        var (payload, recipe) = kind switch
        {
            CaseKind.RandomBytes => RandomBytes(random),
            CaseKind.Mutation => Mutator.Mutate(random, Valid(wire)),
            _ => Boundary(random, wire),
        };
        // One-byte writes of a large payload take long and find nothing new: keep them for short inputs.
        var chunkSize = s_chunkSizes[random.Next(s_chunkSizes.Length)];
        if (payload.Length / chunkSize > 4_000)
        {
            chunkSize = Math.Max(chunkSize, payload.Length / 4_000);
        }

        var readMode = random.Next(4) == 0 ? ReadMode.NoRead : ReadMode.Drain;
        return new FuzzCase(seed, index, wire, kind, recipe, payload, chunkSize, readMode);
    }

    private static FuzzCase Flood(int seed, int index, Wire wire, Random random, long floodBytes)
    {
        var (head, unit, recipe) = (wire, random.Next(2)) switch
        {
            (Wire.Resp, 0) => ("*2147483647\r\n", "$1\r\na\r\n", "endless multibulk"),
            (Wire.Resp, _) => ("PING ", new string('a', 1024), "endless inline line"),
            (Wire.Native, _) => ("PUT k ", new string('v', 1024), "endless line"),
            (Wire.Memcached, 0) => ("set k 0 0 2147483647\r\n", new string('v', 1024), "endless data block"),
            _ => ("get ", string.Concat(Enumerable.Repeat("k ", 512)), "endless get line"),
        };
        return new FuzzCase(seed, index, wire, CaseKind.Flood, recipe, Encoding.Latin1.GetBytes(head), 65536, ReadMode.Drain)
        {
            FloodUnit = Encoding.Latin1.GetBytes(unit),
            FloodBytes = floodBytes,
        };
    }

    private static IReadOnlyList<string> Valid(Wire wire) => wire switch
    {
        Wire.Native => NativeCorpus.Valid,
        Wire.Resp => RespCorpus.Valid,
        _ => MemcachedCorpus.Valid,
    };

    private static (byte[], string) RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(2) == 0 ? random.Next(1, 64) : random.Next(1, 16_384)];
        random.NextBytes(bytes);
        return (bytes, "random bytes");
    }

    private static (byte[], string) Boundary(Random random, Wire wire)
    {
        var text = wire switch
        {
            Wire.Native => NativeCorpus.Boundary(random),
            Wire.Resp => RespCorpus.Boundary(random),
            _ => MemcachedCorpus.Boundary(random),
        };
        return (Encoding.Latin1.GetBytes(text), "boundary arguments");
    }
}
