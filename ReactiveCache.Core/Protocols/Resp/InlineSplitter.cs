using System.Globalization;
using ReactiveCache.Framing;

namespace ReactiveCache.Protocols.Resp;

/// <summary>
/// Splits an inline request line into arguments as Redis's <c>sdssplitargs</c> does: spaces separate,
/// "double quotes" understand \n \r \t \b \a \\ \" and \xHH, 'single quotes' understand \', and a
/// closing quote must be followed by a space or the end of the line.
/// </summary>
internal static class InlineSplitter
{
    public static byte[][] Split(ReadOnlySpan<byte> line)
    {
        var arguments = new List<byte[]>();
        var current = new List<byte>();
        var i = 0;
        while (true)
        {
            while (i < line.Length && IsSpace(line[i]))
            {
                i++;
            }

            if (i >= line.Length)
            {
                return [.. arguments];
            }

            current.Clear();
            i = ReadArgument(line, i, current);
            arguments.Add([.. current]);
        }
    }

    private static int ReadArgument(ReadOnlySpan<byte> line, int i, List<byte> current)
    {
        var inDouble = false;
        var inSingle = false;
        while (true)
        {
            if (i >= line.Length)
            {
                if (inDouble || inSingle)
                {
                    throw new ProtocolException(RespErrors.UnbalancedQuotes);
                }

                return i;
            }

            var c = line[i];
            if (inDouble)
            {
                if (c == (byte)'\\' && i + 3 < line.Length && line[i + 1] == (byte)'x' && IsHex(line[i + 2]) && IsHex(line[i + 3]))
                {
                    current.Add(byte.Parse(System.Text.Encoding.ASCII.GetString(line.Slice(i + 2, 2)), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    continue;
                }

                if (c == (byte)'\\' && i + 1 < line.Length)
                {
                    current.Add(Unescape(line[i + 1]));
                    i += 2;
                    continue;
                }

                if (c == (byte)'"')
                {
                    EnsureEndsArgument(line, i + 1);
                    return i + 1;
                }

                current.Add(c);
                i++;
            }
            else if (inSingle)
            {
                if (c == (byte)'\\' && i + 1 < line.Length && line[i + 1] == (byte)'\'')
                {
                    current.Add((byte)'\'');
                    i += 2;
                    continue;
                }

                if (c == (byte)'\'')
                {
                    EnsureEndsArgument(line, i + 1);
                    return i + 1;
                }

                current.Add(c);
                i++;
            }
            else
            {
                switch (c)
                {
                    // sdssplitargs also stops at '\0', its end of string; the framer never hands over a line
                    // with a NUL in it, and a NUL here must not end an argument without advancing.
                    case (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t':
                        return i;
                    case (byte)'"':
                        inDouble = true;
                        break;
                    case (byte)'\'':
                        inSingle = true;
                        break;
                    default:
                        current.Add(c);
                        break;
                }

                i++;
            }
        }
    }

    private static void EnsureEndsArgument(ReadOnlySpan<byte> line, int next)
    {
        if (next < line.Length && !IsSpace(line[next]))
        {
            throw new ProtocolException(RespErrors.UnbalancedQuotes);
        }
    }

    private static byte Unescape(byte c) => c switch
    {
        (byte)'n' => (byte)'\n',
        (byte)'r' => (byte)'\r',
        (byte)'t' => (byte)'\t',
        (byte)'b' => (byte)'\b',
        (byte)'a' => (byte)'\a',
        _ => c,
    };

    private static bool IsSpace(byte c) => c is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\v' or (byte)'\f';

    private static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);
}
