using System.Text;

namespace ReactiveCache.Fuzz;

/// <summary>
/// The classic byte-level mutations, applied one to four times to a few valid commands strung together:
/// bit flips, truncation, duplication of a slice, splicing with another command, NUL and CR/LF insertion.
/// </summary>
internal static class Mutator
{
    public static (byte[] Bytes, string Recipe) Mutate(Random random, IReadOnlyList<string> valid)
    {
        var commands = Enumerable.Range(0, random.Next(1, 5)).Select(_ => valid[random.Next(valid.Count)]).ToList();
        var bytes = Encoding.Latin1.GetBytes(string.Concat(commands)).ToList();
        var steps = new List<string>();
        for (var round = random.Next(1, 5); round > 0; round--)
        {
            steps.Add(MutateOnce(random, bytes, valid));
        }

        return (bytes.ToArray(), string.Join(", ", steps));
    }

    private static string MutateOnce(Random random, List<byte> bytes, IReadOnlyList<string> valid)
    {
        if (bytes.Count == 0)
        {
            bytes.AddRange(Encoding.Latin1.GetBytes(valid[random.Next(valid.Count)]));
            return "refill";
        }

        var at = random.Next(bytes.Count);
        switch (random.Next(8))
        {
            case 0:
                bytes[at] ^= (byte)(1 << random.Next(8));
                return $"flip bit at {at}";
            case 1:
                bytes.RemoveRange(at, bytes.Count - at);
                return $"truncate at {at}";
            case 2:
                var length = random.Next(1, Math.Min(64, bytes.Count - at) + 1);
                var times = random.Next(1, 200);
                var slice = bytes.GetRange(at, length);
                bytes.InsertRange(at, Enumerable.Repeat(slice, times).SelectMany(part => part));
                return $"repeat {length} bytes at {at} x{times}";
            case 3:
                var other = Encoding.Latin1.GetBytes(valid[random.Next(valid.Count)]);
                var from = random.Next(other.Length);
                bytes.RemoveRange(at, bytes.Count - at);
                bytes.AddRange(other.Skip(from));
                return $"splice at {at} with another command from {from}";
            case 4:
                bytes.Insert(at, 0);
                return $"NUL at {at}";
            case 5:
                bytes.Insert(at, random.Next(2) == 0 ? (byte)'\r' : (byte)'\n');
                return $"lone CR/LF at {at}";
            case 6:
                bytes[at] = (byte)random.Next(256);
                return $"random byte at {at}";
            default:
                var number = Encoding.Latin1.GetBytes(Corpus.BoundaryValues.Number(random));
                bytes.InsertRange(at, number);
                return $"boundary number at {at}";
        }
    }
}
