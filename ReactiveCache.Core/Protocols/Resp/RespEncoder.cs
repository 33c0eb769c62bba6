using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ReactiveCache.Protocols.Resp;

/// <summary>
/// Writes replies in RESP2 or RESP3 straight into the connection's output buffer. RESP2 has no maps,
/// sets, doubles, nulls or pushes, so those are spelled the way Redis spells them for a RESP2 client.
/// </summary>
internal static class RespEncoder
{
    public static void Encode(RedisReply reply, int protocol, IBufferWriter<byte> output)
    {
        var resp3 = protocol >= 3;
        switch (reply)
        {
            case RedisReply.Bulk bulk:
                WriteBulk(output, bulk.Bytes);
                break;
            case RedisReply.Integer integer:
                WriteLength(output, (byte)':', integer.Value);
                break;
            case RedisReply.Simple simple:
                WriteLine(output, (byte)'+', simple.Text);
                break;
            case RedisReply.Null nil:
                Write(output, resp3 ? "_\r\n"u8 : nil.IsArray ? "*-1\r\n"u8 : "$-1\r\n"u8);
                break;
            case RedisReply.Error error:
                WriteLine(output, (byte)'-', Sanitize(error.Text));
                break;
            case RedisReply.Array array:
                WriteAll(output, (byte)'*', array.Items, protocol);
                break;
            case RedisReply.Set set:
                WriteAll(output, resp3 ? (byte)'~' : (byte)'*', set.Items, protocol);
                break;
            case RedisReply.Push push:
                WriteAll(output, resp3 ? (byte)'>' : (byte)'*', push.Items, protocol);
                break;
            case RedisReply.Map map:
                WriteMap(output, map, protocol);
                break;
            case RedisReply.Double number:
                WriteDouble(output, number.Value, resp3);
                break;
            case RedisReply.Verbatim verbatim:
                WriteVerbatim(output, verbatim.Text, resp3);
                break;
            case RedisReply.Sequence sequence:
                foreach (var item in sequence.Replies)
                {
                    Encode(item, protocol, output);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(reply), reply, "RESP has no encoding for this reply.");
        }
    }

    private static void WriteAll(IBufferWriter<byte> output, byte type, IReadOnlyList<RedisReply> items, int protocol)
    {
        WriteLength(output, type, items.Count);
        foreach (var item in items)
        {
            Encode(item, protocol, output);
        }
    }

    private static void WriteMap(IBufferWriter<byte> output, RedisReply.Map map, int protocol)
    {
        if (protocol >= 3)
        {
            WriteLength(output, (byte)'%', map.Pairs.Count);
        }
        else
        {
            WriteLength(output, (byte)'*', map.Pairs.Count * 2L);
        }

        foreach (var (key, value) in map.Pairs)
        {
            Encode(key, protocol, output);
            Encode(value, protocol, output);
        }
    }

    private static void WriteBulk(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        // One span for header, data and terminator when it fits: the common GET reply is a single copy.
        var span = output.GetSpan(bytes.Length + 24);
        span[0] = (byte)'$';
        Utf8Formatter.TryFormat(bytes.Length, span[1..], out var digits);
        var at = 1 + digits;
        span[at++] = (byte)'\r';
        span[at++] = (byte)'\n';
        bytes.CopyTo(span[at..]);
        at += bytes.Length;
        span[at++] = (byte)'\r';
        span[at++] = (byte)'\n';
        output.Advance(at);
    }

    private static void WriteLength(IBufferWriter<byte> output, byte type, long value)
    {
        var span = output.GetSpan(24);
        span[0] = type;
        Utf8Formatter.TryFormat(value, span[1..], out var digits);
        span[1 + digits] = (byte)'\r';
        span[2 + digits] = (byte)'\n';
        output.Advance(3 + digits);
    }

    private static void WriteLine(IBufferWriter<byte> output, byte type, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length) + 3);
        span[0] = type;
        var written = Encoding.UTF8.GetBytes(text, span[1..]);
        span[1 + written] = (byte)'\r';
        span[2 + written] = (byte)'\n';
        output.Advance(3 + written);
    }

    private static void WriteDouble(IBufferWriter<byte> output, double value, bool resp3)
    {
        var text = FormatDouble(value);
        if (resp3)
        {
            WriteLine(output, (byte)',', text);
        }
        else
        {
            WriteBulk(output, Encoding.ASCII.GetBytes(text));
        }
    }

    private static void WriteVerbatim(IBufferWriter<byte> output, string text, bool resp3)
    {
        var bytes = Encoding.UTF8.GetBytes(resp3 ? "txt:" + text : text);
        if (!resp3)
        {
            WriteBulk(output, bytes);
            return;
        }

        WriteLength(output, (byte)'=', bytes.Length);
        Write(output, bytes);
        Write(output, "\r\n"u8);
    }

    /// <summary>
    /// A double as redis-server 7.0's addReplyDouble prints it: C's <c>%.17g</c> (17 significant digits, so 0.1 is
    /// "0.10000000000000001"; 7.2 prints the shortest text instead), infinities <c>inf</c>/<c>-inf</c>, NaN <c>nan</c>.
    /// </summary>
    public static string FormatDouble(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        double.NaN => "nan",
        _ => value.ToString("G17", CultureInfo.InvariantCulture).Replace('E', 'e'),
    };

    // Redis turns line breaks in an error into spaces, so the reply stays one line (addReplyErrorLength).
    private static string Sanitize(string text) =>
        text.AsSpan().IndexOfAny('\r', '\n') < 0 ? text : text.Replace('\r', ' ').Replace('\n', ' ');

    private static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);
}
