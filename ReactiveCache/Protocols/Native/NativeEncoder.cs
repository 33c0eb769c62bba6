using System.Buffers;
using System.Buffers.Text;
using System.Text;
using ReactiveCache.Commands;

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
                WriteValue(output, value.Bytes);
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
                WriteChange(output, changed.Change);
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


    /// <summary>The word a watcher sees for a change: set, del, expired, evicted, flushed, expire, persist.</summary>
    public static ReadOnlySpan<byte> KindWord(CacheChange change) => change.Kind switch
    {
        ChangeKind.Expired => "expired"u8,
        ChangeKind.Evicted => "evicted"u8,
        ChangeKind.Removed when change.Reason == ChangeReason.Flush => "flushed"u8,
        ChangeKind.Removed => "del"u8,
        _ when change.Reason == ChangeReason.Expire => "expire"u8,
        _ when change.Reason == ChangeReason.Persist => "persist"u8,
        _ => "set"u8,
    };

    private static void WriteChange(IBufferWriter<byte> output, CacheChange change)
    {
        Write(output, "CHANGE "u8);
        WriteNumber(output, change.Sequence);
        Write(output, " "u8);
        Write(output, KindWord(change));
        Write(output, " "u8);
        Write(output, change.Key);
        if (change.Value is { } value && change.Kind is ChangeKind.Added or ChangeKind.Updated)
        {
            Write(output, " "u8);
            WriteValue(output, value);
        }

        EndLine(output);
    }

    // Values written through a binary-safe protocol may hold line breaks; on a line protocol they are escaped.
    private static void WriteValue(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        while (value.IndexOfAny((byte)'\r', (byte)'\n') is var stop and >= 0)
        {
            Write(output, value[..stop]);
            Write(output, value[stop] == (byte)'\r' ? "\\r"u8 : "\\n"u8);
            value = value[(stop + 1)..];
        }

        Write(output, value);
    }

    private static void Line(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length) + 2);
        var written = Encoding.UTF8.GetBytes(text, span);
        span[written] = (byte)'\r';
        span[written + 1] = (byte)'\n';
        output.Advance(written + 2);
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
