namespace ReactiveCache.Commands.Redis;

/// <summary>
/// LZF decompression (lzf_d.c), for the strings Redis compresses in a DUMP payload (rdbcompression, strings over 20
/// bytes). This server writes its payloads uncompressed, so only the reading side is needed.
/// </summary>
internal static class Lzf
{
    /// <summary>
    /// The most bytes one input byte can expand to: the longest back reference, 3 bytes, writes 264. The expanded
    /// length comes from the client, so it is believed only this far before the output is allocated.
    /// </summary>
    public const int MaxExpansion = 88;

    /// <summary>Expands <paramref name="input"/> into exactly <paramref name="length"/> bytes; false when it does not.</summary>
    public static bool TryDecompress(ReadOnlySpan<byte> input, int length, out byte[] output)
    {
        output = [];
        if (length > (long)input.Length * MaxExpansion)
        {
            return false;
        }

        output = new byte[length];
        var (at, written) = (0, 0);
        while (at < input.Length)
        {
            int control = input[at++];
            if (control < 32)
            {
                // A literal run of control + 1 bytes.
                var run = control + 1;
                if (at + run > input.Length || written + run > length)
                {
                    return false;
                }

                input.Slice(at, run).CopyTo(output.AsSpan(written));
                (at, written) = (at + run, written + run);
                continue;
            }

            // A back reference: length in the top 3 bits (7 means one more length byte), offset in the rest.
            var count = control >> 5;
            if (count == 7)
            {
                if (at >= input.Length)
                {
                    return false;
                }

                count += input[at++];
            }

            if (at >= input.Length)
            {
                return false;
            }

            var from = written - ((control & 0x1f) << 8) - input[at++] - 1;
            count += 2;
            if (from < 0 || written + count > length)
            {
                return false;
            }

            // Byte by byte: a reference may overlap what it is writing.
            for (var i = 0; i < count; i++)
            {
                output[written++] = output[from + i];
            }
        }

        return written == length;
    }
}
