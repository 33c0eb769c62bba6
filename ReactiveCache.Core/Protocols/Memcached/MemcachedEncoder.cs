using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ReactiveCache.Protocols.Memcached;

/// <summary>
/// Writes replies in memcached's text format straight into the connection's output: fixed lines are
/// pre-encoded, numbers formatted in place, and each value copied once from the stored array.
/// </summary>
internal static class MemcachedEncoder
{
    private static readonly byte[] s_end = "END\r\n"u8.ToArray();

    public static void Encode(MemcachedReply reply, IBufferWriter<byte> output)
    {
        switch (reply)
        {
            case MemcachedReply.Line line:
                output.Write(line.Bytes);
                break;
            case MemcachedReply.Value value:
                WriteItem(output, value.Item, value.WithCas);
                output.Write(s_end);
                break;
            case MemcachedReply.Values values:
                foreach (var item in values.Items)
                {
                    WriteItem(output, item, values.WithCas);
                }

                output.Write(s_end);
                break;
            case MemcachedReply.Number number:
                WriteNumber(output, number.Result);
                output.Write("\r\n"u8);
                break;
            case MemcachedReply.Meta meta:
                WriteMeta(output, meta);
                break;
            case MemcachedReply.StatList stats:
                foreach (var (name, value) in stats.Stats)
                {
                    WriteAscii(output, $"STAT {name} {value}\r\n");
                }

                output.Write(s_end);
                break;
            case MemcachedReply.Raw raw:
                output.Write(raw.Bytes);
                break;
            case MemcachedReply.Nothing or MemcachedReply.Closing:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(reply), reply, "memcached has no encoding for this reply.");
        }
    }

    /// <summary><c>VALUE &lt;key&gt; &lt;flags&gt; &lt;bytes&gt; [&lt;cas&gt;]\r\n&lt;data&gt;\r\n</c></summary>
    private static void WriteItem(IBufferWriter<byte> output, in MemcachedItem item, bool withCas)
    {
        var header = output.GetSpan(item.Key.Length + 64);
        "VALUE "u8.CopyTo(header);
        var at = 6;
        item.Key.CopyTo(header[at..]);
        at += item.Key.Length;
        header[at++] = (byte)' ';
        Utf8Formatter.TryFormat(item.Flags, header[at..], out var written);
        at += written;
        header[at++] = (byte)' ';
        Utf8Formatter.TryFormat(item.Value.Length, header[at..], out written);
        at += written;
        if (withCas)
        {
            header[at++] = (byte)' ';
            Utf8Formatter.TryFormat(item.Cas, header[at..], out written);
            at += written;
        }

        header[at++] = (byte)'\r';
        header[at++] = (byte)'\n';
        output.Advance(at);
        output.Write(item.Value);
        output.Write("\r\n"u8);
    }

    private static void WriteMeta(IBufferWriter<byte> output, MemcachedReply.Meta meta)
    {
        WriteAscii(output, meta.Code);
        if (meta.Data is { } data)
        {
            output.Write(" "u8);
            WriteNumber(output, (ulong)data.Length);
        }

        if (meta.Flags.Length > 0)
        {
            output.Write(" "u8);
            WriteAscii(output, meta.Flags);
        }

        output.Write("\r\n"u8);
        if (meta.Data is { } block)
        {
            output.Write(block);
            output.Write("\r\n"u8);
        }
    }

    private static void WriteNumber(IBufferWriter<byte> output, ulong number)
    {
        var span = output.GetSpan(20);
        Utf8Formatter.TryFormat(number, span, out var written);
        output.Advance(written);
    }

    private static void WriteAscii(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, span);
        output.Advance(written);
    }
}
