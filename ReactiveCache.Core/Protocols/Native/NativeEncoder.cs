using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ReactiveCache.Protocols.Native;

/// <summary>
/// Writes replies as CRLF-terminated lines, straight into the connection's output buffer.
/// </summary>
internal static class NativeEncoder
{
    public static void Encode(Reply reply, IBufferWriter<byte> output)
    {
        switch (reply)
        {
            case Reply.Status status:
                Line(output, status.Word);
                break;
            case Reply.Value value:
                Write(output, "VALUE "u8);
                WriteRest(output, value.Bytes);
                EndLine(output);
                break;
            case Reply.Ttl ttl:
                Write(output, "TTL "u8);
                WriteNumber(output, ttl.Seconds);
                EndLine(output);
                break;
            case Reply.KeyList list:
                foreach (var key in list.Keys)
                {
                    Write(output, "KEY "u8);
                    Write(output, key);
                    EndLine(output);
                }

                Line(output, "END");
                break;
            case Reply.StatList stats:
                foreach (var (name, value) in stats.Stats)
                {
                    Line(output, $"STAT {name} {value}");
                }

                Line(output, "END");
                break;
            case Reply.HelpText help:
                foreach (var line in help.Lines)
                {
                    Line(output, line);
                }

                Line(output, "END");
                break;
            case Reply.Watching watching:
                Write(output, "WATCHING "u8);
                Write(output, watching.Glob);
                Write(output, " "u8);
                WriteNumber(output, watching.Sequence);
                EndLine(output);
                break;
            case Reply.Changed changed:
                WriteChange(output, changed);
                break;
            case Reply.Gap gap:
                Line(output, $"GAP {gap.From} {gap.To}");
                break;
            case Reply.Error error:
                Line(output, $"ERR {error.Message}");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(reply), reply, "The native protocol has no encoding for this reply.");
        }
    }

    // CHANGE <sequence> <word> <key> [<expires-at-ms>] [<value> | <field> <value> ... | <field> ...]
    private static void WriteChange(IBufferWriter<byte> output, Reply.Changed change)
    {
        Write(output, "CHANGE "u8);
        WriteNumber(output, change.Sequence);
        Write(output, " "u8);
        WriteAscii(output, change.Word);
        Write(output, " "u8);
        WriteToken(output, change.Key);
        if (change.ExpiresAtMs is { } expiresAt)
        {
            Write(output, " "u8);
            WriteNumber(output, expiresAt);
        }

        if (change.Fields is { } fields)
        {
            foreach (var (name, fieldValue) in fields)
            {
                Write(output, " "u8);
                WriteToken(output, name);
                if (fieldValue is { } value)
                {
                    Write(output, " "u8);
                    WriteToken(output, value);
                }
            }
        }
        else if (change.Data is { } text)
        {
            Write(output, " "u8);
            WriteRest(output, text);
        }

        EndLine(output);
    }

    // A value at the end of the line keeps its spaces; the bytes that would end the line or blur an escape are escaped.
    private static void WriteRest(IBufferWriter<byte> output, ReadOnlySpan<byte> value) => WriteEscaped(output, value, escapeSpace: false);

    // A key, field or field value is one space-separated token: a space inside it is escaped too, and an empty one is \e.
    private static void WriteToken(IBufferWriter<byte> output, ReadOnlySpan<byte> token)
    {
        if (token.IsEmpty)
        {
            Write(output, "\\e"u8);
            return;
        }

        WriteEscaped(output, token, escapeSpace: true);
    }

    private static void WriteEscaped(IBufferWriter<byte> output, ReadOnlySpan<byte> value, bool escapeSpace)
    {
        var special = escapeSpace ? s_tokenSpecials : s_lineSpecials;
        while (value.IndexOfAny(special) is var stop and >= 0)
        {
            Write(output, value[..stop]);
            Write(output, value[stop] switch
            {
                (byte)'\r' => "\\r"u8,
                (byte)'\n' => "\\n"u8,
                (byte)' ' => "\\s"u8,
                _ => "\\\\"u8,
            });
            value = value[(stop + 1)..];
        }

        Write(output, value);
    }

    private static readonly SearchValues<byte> s_lineSpecials = SearchValues.Create("\r\n\\"u8);
    private static readonly SearchValues<byte> s_tokenSpecials = SearchValues.Create("\r\n\\ "u8);

    private static void Line(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length) + 2);
        var written = Encoding.UTF8.GetBytes(text, span);
        span[written] = (byte)'\r';
        span[written + 1] = (byte)'\n';
        output.Advance(written + 2);
    }

    private static void WriteAscii(IBufferWriter<byte> output, string word)
    {
        var span = output.GetSpan(word.Length);
        var written = Encoding.ASCII.GetBytes(word, span);
        output.Advance(written);
    }

    private static void WriteNumber(IBufferWriter<byte> output, long number)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(number, span, out var written);
        output.Advance(written);
    }

    private static void EndLine(IBufferWriter<byte> output) => Write(output, "\r\n"u8);

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);
}
