using System.Text;
using CsCheck;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// Generators of what a careless or hostile client sends: arbitrary bytes, and valid commands mutated with the
/// tokens that break parsers (overflowing, negative and huge numbers, NUL, lone CR and LF, keys over 250 bytes).
/// </summary>
internal static class HostileInput
{
    private static readonly string[] s_poison =
    [
        "4294967296", "-1", "18446744073709551616", "18446744073709551615", "9223372036854775807", "-9223372036854775808",
        "99999999999999999999999", "0", "\0", "\r", "\n", "\r\n", " ", "  ", "noreply", "b", "v", "q", "k", "\xff\xfe",
        new string('a', 251), "*", "FROM", "===", "a2V5",
    ];

    /// <summary>Any bytes at all, weighted toward the ones protocols care about.</summary>
    public static readonly Gen<byte[]> Bytes =
        Gen.Frequency((3, Gen.Byte), (1, Gen.OneOf("\r\n \0 0123456789-"u8.ToArray()))).Array[0, 400];

    /// <summary>How the bytes arrive: the size of each read, repeated.</summary>
    public static readonly Gen<int[]> Chunks = Gen.Int[1, 40].Array[1, 12];

    /// <summary>Valid requests, one after another, with a few mutations applied anywhere.</summary>
    public static Gen<byte[]> Mutations(string[] valid) =>
        Gen.Select(Gen.OneOf(valid).Array[1, 6], Mutation.Array[0, 6], static (requests, mutations) => Apply(string.Concat(requests), mutations));

    private static readonly Gen<(int Kind, int Position, int Length, string Token)> Mutation =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 10_000], Gen.Int[0, 12], Gen.OneOf(s_poison));

    private static byte[] Apply(string text, (int Kind, int Position, int Length, string Token)[] mutations)
    {
        var bytes = new List<byte>(Encoding.Latin1.GetBytes(text));
        foreach (var (kind, position, length, token) in mutations)
        {
            var at = bytes.Count == 0 ? 0 : position % (bytes.Count + 1);
            var span = Math.Min(length, bytes.Count - at);
            switch (kind)
            {
                case 0:
                    bytes.InsertRange(at, Encoding.Latin1.GetBytes(token));
                    break;
                case 1:
                    bytes.RemoveRange(at, span);
                    bytes.InsertRange(at, Encoding.Latin1.GetBytes(token));
                    break;
                case 2:
                    bytes.RemoveRange(at, span);
                    break;
                case 3:
                    bytes.InsertRange(at, bytes.GetRange(at, span));
                    break;
                default:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }

        return [.. bytes];
    }
}
