using System.Buffers;
using ReactiveCache.Framing;

namespace ReactiveCache.Protocols.Resp;

/// <summary>
/// Cuts a Redis client's byte stream into requests, straight from the receive buffer (processInlineBuffer
/// and processMultibulkBuffer in Redis's networking.c). A request starting with <c>*</c> is a multibulk
/// array of <c>$</c> bulk strings; anything else is an inline line. Each argument is copied once, into its
/// own array. A multibulk request that arrives in pieces keeps the arguments read so far, so a large
/// request is never parsed twice. The arguments held so far count toward the client query buffer limit,
/// with what they really cost in memory, so an endless unfinished request is cut off near the limit.
/// </summary>
internal sealed class RespFramer(IRespClientLimits client) : IFramer<RespRequest>
{
    // Like Redis, the argument array starts small and grows, so a huge count alone cannot reserve memory.
    private const int InitialArguments = 1024;

    // What a .NET array costs on a 64-bit runtime: object header, method table and length, then the items
    // rounded up to 8 bytes; a reference is 8 bytes.
    private const int ArrayOverhead = 24;
    private const int ReferenceSize = 8;

    private byte[][]? _arguments;
    private int _expected;
    private int _filled;
    private long _heldBytes;
    private RespLimits _limits = RespLimits.Default;

    /// <summary>The arguments of the unfinished multibulk request and the array holding them, in bytes of memory.</summary>
    public long HeldBytes => _heldBytes;

    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out RespRequest frame)
    {
        _limits = client.Limits;
        if (TryReadRequest(ref buffer, out frame))
        {
            return true;
        }

        if (buffer.Length + _heldBytes > _limits.QueryBufferLimit)
        {
            // Dropped at once so the memory goes with the connection, not with the session's last reference.
            _arguments = null;
            _heldBytes = 0;
            throw new QueryBufferOverflowException(_limits.QueryBufferLimit);
        }

        return false;
    }

    private static long ArrayBytes(long items, int itemSize) => ArrayOverhead + (((items * itemSize) + 7) & ~7L);

    private bool TryReadRequest(ref ReadOnlySequence<byte> buffer, out RespRequest frame)
    {
        frame = RespRequest.Empty;
        if (_arguments is null)
        {
            if (!TryPeekFirst(buffer, out var first))
            {
                return false;
            }

            if (first != (byte)'*')
            {
                return TryReadInline(ref buffer, out frame);
            }

            if (!TryStartMultibulk(ref buffer, out var empty))
            {
                return false;
            }

            if (empty)
            {
                return true;
            }
        }

        if (!TryReadBulks(ref buffer))
        {
            return false;
        }

        frame = new RespRequest(_arguments!);
        _arguments = null;
        _filled = 0;
        _heldBytes = 0;
        return true;
    }

    private static bool TryPeekFirst(in ReadOnlySequence<byte> buffer, out byte first)
    {
        if (!buffer.FirstSpan.IsEmpty)
        {
            first = buffer.FirstSpan[0];
            return true;
        }

        return new SequenceReader<byte>(buffer).TryPeek(out first);
    }

    private bool TryReadInline(ref ReadOnlySequence<byte> buffer, out RespRequest frame)
    {
        frame = RespRequest.Empty;
        var reader = new SequenceReader<byte>(buffer);
        if (!TryReadToNewline(ref reader, (byte)'\n', out var line))
        {
            if (buffer.Length > _limits.MaxInlineLength)
            {
                throw new ProtocolException(RespErrors.TooBigInline);
            }

            return false;
        }

        if (line.Length > _limits.MaxInlineLength)
        {
            throw new ProtocolException(RespErrors.TooBigInline);
        }

        var span = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
        if (!span.IsEmpty && span[^1] == (byte)'\r')
        {
            span = span[..^1];
        }

        var arguments = InlineSplitter.Split(span);
        buffer = buffer.Slice(reader.Position);
        frame = arguments.Length == 0 ? RespRequest.Empty : new RespRequest(arguments);
        return true;
    }

    /// <summary>Reads <c>*count\r\n</c>. A count of zero or less is a request with nothing in it, ignored as Redis does.</summary>
    private bool TryStartMultibulk(ref ReadOnlySequence<byte> buffer, out bool empty)
    {
        empty = false;
        var reader = new SequenceReader<byte>(buffer);
        if (!TryReadLengthLine(ref reader, RespErrors.TooBigMultibulkCount, out var line))
        {
            return false;
        }

        if (!IntegerSyntax.TryParse(line[1..], out var count) || count > _limits.MaxMultibulkLength)
        {
            throw new ProtocolException(RespErrors.InvalidMultibulkLength);
        }

        if (count > RespLimits.UnauthenticatedMaxMultibulkLength && client.AuthRequired)
        {
            throw new ProtocolException(RespErrors.UnauthenticatedMultibulkLength);
        }

        buffer = buffer.Slice(reader.Position);
        if (count <= 0)
        {
            empty = true;
            return true;
        }

        _arguments = new byte[Math.Min(count, InitialArguments)][];
        _expected = (int)count;
        _filled = 0;
        _heldBytes = ArrayBytes(_arguments.Length, ReferenceSize);
        return true;
    }

    private bool TryReadBulks(ref ReadOnlySequence<byte> buffer)
    {
        while (_filled < _expected)
        {
            var reader = new SequenceReader<byte>(buffer);
            if (!TryReadLengthLine(ref reader, RespErrors.TooBigBulkCount, out var line))
            {
                return false;
            }

            if (line.IsEmpty || line[0] != (byte)'$')
            {
                throw new ProtocolException(string.Format(RespErrors.ExpectedDollar, line.IsEmpty ? '\r' : (char)line[0]));
            }

            if (!IntegerSyntax.TryParse(line[1..], out var length) || length < 0 || length > _limits.MaxBulkLength)
            {
                throw new ProtocolException(RespErrors.InvalidBulkLength);
            }

            if (length > RespLimits.UnauthenticatedMaxBulkLength && client.AuthRequired)
            {
                throw new ProtocolException(RespErrors.UnauthenticatedBulkLength);
            }

            // Redis skips the two bytes after the data without looking at them; so do we.
            if (reader.Remaining < length + 2)
            {
                return false;
            }

            var argument = GC.AllocateUninitializedArray<byte>((int)length);
            reader.UnreadSequence.Slice(0, length).CopyTo(argument);
            reader.Advance(length + 2);
            if (_filled == _arguments!.Length)
            {
                Array.Resize(ref _arguments, (int)Math.Min((long)_arguments.Length * 2, _expected));
                _heldBytes += ArrayBytes(_arguments.Length, ReferenceSize) - ArrayBytes(_filled, ReferenceSize);
            }

            _arguments[_filled++] = argument;
            _heldBytes += ArrayBytes(length, 1);
            buffer = buffer.Slice(reader.Position);
        }

        return true;
    }

    /// <summary>A length line (<c>*3</c>, <c>$5</c>) without its terminator; Redis looks for the '\r' and skips the '\n' after it.</summary>
    private bool TryReadLengthLine(ref SequenceReader<byte> reader, string tooBig, out ReadOnlySpan<byte> line)
    {
        if (!TryReadToNewline(ref reader, (byte)'\r', out var sequence) || reader.Remaining < 1)
        {
            if (reader.Remaining > _limits.MaxInlineLength)
            {
                throw new ProtocolException(tooBig);
            }

            line = default;
            return false;
        }

        if (sequence.Length > _limits.MaxInlineLength)
        {
            throw new ProtocolException(tooBig);
        }

        line = sequence.IsSingleSegment ? sequence.FirstSpan : sequence.ToArray();
        reader.Advance(1);
        return true;
    }

    /// <summary>
    /// Reads up to and past <paramref name="newline"/>. Redis looks for it with strchr, which stops at a NUL, so
    /// a NUL before it means the line has not ended (and never will: the request waits until the unread input
    /// passes the inline limit, as in Redis). Every call either consumes a line or reports that none is there.
    /// </summary>
    private static bool TryReadToNewline(ref SequenceReader<byte> reader, byte newline, out ReadOnlySequence<byte> line)
    {
        var probe = reader;
        if (!probe.TryReadToAny(out line, [newline, 0], advancePastDelimiter: false) || !probe.TryRead(out var found) || found == 0)
        {
            line = default;
            return false;
        }

        reader = probe;
        return true;
    }
}
