using System.Buffers;

namespace ReactiveCache.Framing;

/// <summary>
/// Twisted's LineReceiver: frames end with <c>\n</c> or <c>\r\n</c> (the terminator is not part of the
/// frame); a line longer than <c>maxLineLength</c> bytes breaks the stream.
/// </summary>
internal sealed class LineFramer(int maxLineLength) : IFramer<ReadOnlySequence<byte>>
{
    public const string LineTooLong = "line too long";

    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        // Fast path: the whole line lies in the first segment, as almost every line does.
        var first = buffer.FirstSpan;
        var newline = first.IndexOf((byte)'\n');
        if (newline >= 0)
        {
            var length = newline > 0 && first[newline - 1] == (byte)'\r' ? newline - 1 : newline;
            if (length > maxLineLength)
            {
                throw new ProtocolException(LineTooLong);
            }

            frame = buffer.Slice(0, length);
            buffer = buffer.Slice(newline + 1);
            return true;
        }

        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out frame, (byte)'\n'))
        {
            // Without its terminator yet, the line is already too long unless all that is over is a '\r'.
            if (buffer.Length > maxLineLength && (buffer.Length > maxLineLength + 1 || !EndsWithCarriageReturn(buffer)))
            {
                throw new ProtocolException(LineTooLong);
            }

            return false;
        }

        if (!frame.IsEmpty && EndsWithCarriageReturn(frame))
        {
            frame = frame.Slice(0, frame.Length - 1);
        }

        if (frame.Length > maxLineLength)
        {
            throw new ProtocolException(LineTooLong);
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static bool EndsWithCarriageReturn(in ReadOnlySequence<byte> line) =>
        line.IsSingleSegment ? line.FirstSpan[^1] == (byte)'\r' : line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r';
}
