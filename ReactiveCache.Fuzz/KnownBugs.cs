using System.Buffers.Text;

namespace ReactiveCache.Fuzz;

/// <summary>
/// Bugs already reported (issue 7) and being fixed on other branches. Both fuzzers defuse or skip the inputs that
/// reach them, so a bounded run (CI) stays green and a long run spends its time finding new bugs instead of
/// re-finding these. RC_FUZZ_KNOWN_BUGS=keep turns every filter off, to check a fix; delete an entry when its fix
/// has landed. (This file is compiled into ReactiveCache.Fuzz and ReactiveCache.Fuzz.Afl.)
/// </summary>
internal static class KnownBugs
{
    public static bool Keep { get; set; } = Environment.GetEnvironmentVariable("RC_FUZZ_KNOWN_BUGS") == "keep";

    /// <summary>
    /// Row 1: a NUL byte in an inline request makes InlineSplitter add empty arguments forever. Walks the input as
    /// RespFramer cuts it (a multibulk request is skipped by its lengths, anything else is an inline line up to LF)
    /// and says whether an inline line holds a NUL.
    /// </summary>
    public static bool InlineNul(ReadOnlySpan<byte> input)
    {
        foreach (var line in InlineLines(input))
        {
            if (input[line].Contains((byte)0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Row 1, defused: every NUL of an inline request becomes 0x01, so the rest of the input still runs.</summary>
    public static byte[] DefuseInlineNul(byte[] input)
    {
        var output = (byte[])input.Clone();
        foreach (var line in InlineLines(input))
        {
            output.AsSpan(line).Replace((byte)0, (byte)1);
        }

        return output;
    }

    /// <summary>Row 4: SETRANGE with an offset near long.MaxValue overflows the bounds check and the command throws.</summary>
    public static bool SetRangeOverflow(string serverError) => !Keep && serverError.Contains("StringRangeCommands.SetRange", StringComparison.Ordinal);

    private static List<Range> InlineLines(ReadOnlySpan<byte> input)
    {
        var lines = new List<Range>();
        var rest = input;
        while (!Keep && rest.Length > 0)
        {
            var at = input.Length - rest.Length;
            if (rest[0] == (byte)'*')
            {
                if (!TrySkipMultibulk(ref rest))
                {
                    break;
                }

                continue;
            }

            var end = rest.IndexOf((byte)'\n');
            lines.Add(new Range(at, end < 0 ? input.Length : at + end));
            rest = end < 0 ? [] : rest[(end + 1)..];
        }

        return lines;
    }

    private static bool TrySkipMultibulk(ref ReadOnlySpan<byte> rest)
    {
        if (!TryReadLength(ref rest, (byte)'*', out var count))
        {
            return false;
        }

        for (var i = 0L; i < count; i++)
        {
            if (!TryReadLength(ref rest, (byte)'$', out var length) || length < 0 || rest.Length < length + 2)
            {
                return false;
            }

            rest = rest[(int)(length + 2)..];
        }

        return true;
    }

    private static bool TryReadLength(ref ReadOnlySpan<byte> rest, byte prefix, out long length)
    {
        length = 0;
        var end = rest.IndexOf((byte)'\r');
        if (rest.Length == 0 || rest[0] != prefix || end < 0 || !Utf8Parser.TryParse(rest[1..end], out length, out var used) || used != end - 1)
        {
            return false;
        }

        rest = rest[Math.Min(rest.Length, end + 2)..];
        return true;
    }
}
