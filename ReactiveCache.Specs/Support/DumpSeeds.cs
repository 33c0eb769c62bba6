using System.Buffers.Binary;
using System.Text;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// Payload bodies (without the trailer) to mutate: hashes as Redis 7.0 writes them, a listpack with every entry
/// encoding listpack.c has, and what each mutation does to a body.
/// </summary>
internal static class DumpSeeds
{
    /// <summary>
    /// RDB_TYPE_HASH_LISTPACK holding a listpack of one entry per encoding: 7-bit integer, 6-bit string, 13-bit
    /// integer, 12-bit string, 16-, 24-, 32- and 64-bit integers and a 32-bit-length string.
    /// </summary>
    public static byte[] EveryListpackEncoding() => [0x10, .. RdbString(Listpack())];

    /// <summary>The same listpack as an LZF-compressed string, as Redis writes one past 20 bytes.</summary>
    public static byte[] CompressedListpack() => [0x10, .. LzfString(Listpack())];

    /// <summary>An LZF-compressed RDB_TYPE_STRING.</summary>
    public static byte[] CompressedString() => [0x00, .. LzfString(Encoding.ASCII.GetBytes("compressed in literal runs of up to 32 bytes each"))];

    private static byte[] Listpack()
    {
        byte[][] entries =
        [
            [0x05], [0x83, (byte)'a', (byte)'b', (byte)'c'], [0xc0 | 0x1f, 0xff], [0xe0, 70, .. Encoding.ASCII.GetBytes(new string('w', 70))],
            [0xf1, 0x00, 0x80], [0xf2, 0x01, 0x02, 0x83], [0xf3, 0xff, 0xff, 0xff, 0x7f], [0xf4, 0, 0, 0, 0, 0, 0, 0, 0x80],
            [0xf0, 3, 0, 0, 0, (byte)'x', (byte)'y', (byte)'z'], [0x7f],
        ];
        var body = new List<byte>();
        foreach (var entry in entries)
        {
            body.AddRange(entry);
            body.Add((byte)entry.Length); // every entry here is shorter than 128 bytes: a one-byte back-length
        }

        var listpack = new byte[6 + body.Count + 1];
        BinaryPrimitives.WriteUInt32LittleEndian(listpack, (uint)listpack.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(listpack.AsSpan(4), (ushort)entries.Length);
        body.CopyTo(listpack, 6);
        listpack[^1] = 0xff;
        return listpack;
    }

    // 0xC3, the compressed and expanded lengths, and LZF of literal runs only (lzf_d.c reads any valid stream).
    private static byte[] LzfString(byte[] bytes)
    {
        var compressed = bytes.Chunk(32).SelectMany(run => (byte[])[(byte)(run.Length - 1), .. run]).ToArray();
        return [0xc3, .. RdbLength(compressed.Length), .. RdbLength(bytes.Length), .. compressed];
    }

    // Bytes that are markers somewhere in a payload: length prefixes (6/14/32/64-bit, encoded), listpack encodings, the end.
    private static readonly byte[] s_markers =
        [0x00, 0x01, 0x3f, 0x40, 0x7f, 0x80, 0x81, 0x82, 0xbf, 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xdf, 0xe0, 0xef, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xfe, 0xff];

    // Lengths at the edges: RDB's 32- and 64-bit forms (2^31-1, 2^32-1, 2^64-1), a 14-bit one, and raw 32/16-bit
    // values in both byte orders for listpack headers and entries.
    private static readonly byte[][] s_lengths =
    [
        [0x80, 0x7f, 0xff, 0xff, 0xff], [0x80, 0xff, 0xff, 0xff, 0xff], [0x81, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], [0x7f, 0xff],
        [0xff, 0xff, 0xff, 0xff], [0x7f, 0xff, 0xff, 0xff], [0xff, 0xff, 0xff, 0x7f],
    ];

    /// <summary>One mutation of <paramref name="body"/>: <paramref name="kind"/> says which, the rest where and what.</summary>
    public static void Mutate(List<byte> body, int kind, int position, int value)
    {
        var at = body.Count == 0 ? 0 : position % body.Count;
        switch (kind)
        {
            case 0 when body.Count > 0:
                body[at] ^= (byte)(1 << (value & 7));
                break;
            case 1 when body.Count > 0:
                body[at] = s_markers[value % s_markers.Length];
                break;
            case 2:
                // Over what was there (even values) or before it, so the bytes a length claims may still follow.
                var length = s_lengths[value % s_lengths.Length];
                if (value % 2 == 0)
                {
                    body.RemoveRange(at, Math.Min(length.Length, body.Count - at));
                }

                body.InsertRange(at, length);
                break;
            case 3:
                body.RemoveRange(at, body.Count - at);
                break;
            case 4:
                body.RemoveRange(at, Math.Min(1 + (value % 8), body.Count - at));
                break;
            case 5:
                body.InsertRange(at, Enumerable.Repeat((byte)value, 1 + (value % 5)));
                break;
            default:
                body.InsertRange(at, body.Skip(at).Take(1 + (value % 16)).ToArray());
                break;
        }
    }

    // rdbSaveRawString without compression: the length and the bytes.
    private static byte[] RdbString(byte[] bytes) => [.. RdbLength(bytes.Length), .. bytes];

    // rdbSaveLen: a 6-, 14- or 32-bit length.
    private static byte[] RdbLength(int length) => length switch
    {
        < 64 => [(byte)length],
        < 16384 => [(byte)(0x40 | (length >> 8)), (byte)length],
        _ => [0x80, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length],
    };
}
