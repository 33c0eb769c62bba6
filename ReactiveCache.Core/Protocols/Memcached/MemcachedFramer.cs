using System.Buffers;
using ReactiveCache.Framing;

namespace ReactiveCache.Protocols.Memcached;

/// <summary>
/// memcached's framing, Twisted's LineReceiver with setRawMode: a command line, and after a storage
/// command (or <c>ms</c>) a data block of the declared length plus CRLF. An item over the size limit is
/// answered at once and its block swallowed as it arrives, never buffered whole.
/// </summary>
/// <remarks>
/// Two pieces of state: how many bytes of an oversized block are still to be swallowed, and the storage line
/// whose block is still arriving. That line stays in the pipe, but is not framed and tokenized again on every
/// read: a block trickling in a byte at a time behind a long line would otherwise cost the line's length per byte.
/// </remarks>
internal sealed class MemcachedFramer(int maxLineLength, int maxItemSize) : IFramer<MemcachedFrame>
{
    private readonly LineFramer _lines = new(maxLineLength);
    private long _toSwallow;
    private PendingBlock? _pending;

    /// <summary>
    /// Takes one request off the front of <paramref name="buffer"/>. Returns false when none is complete;
    /// bytes of an oversized block that were swallowed are consumed even then.
    /// </summary>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out MemcachedFrame frame)
    {
        frame = default;
        if (!TrySwallow(ref buffer))
        {
            return false;
        }

        if (_pending is { } pending)
        {
            return TryReadBlock(ref buffer, pending, out frame);
        }

        var rest = buffer;
        if (!_lines.TryReadFrame(ref rest, out var line))
        {
            return false;
        }

        var length = MemcachedSyntax.DataLength(MemcachedSyntax.Contiguous(line));
        if (length < 0)
        {
            buffer = rest;
            frame = new MemcachedFrame(line, null, null);
            return true;
        }

        if (length > maxItemSize)
        {
            // As memcached's conn_swallow: answer now, then discard the block and its CRLF as they come.
            buffer = rest;
            _toSwallow = length + 2;
            TrySwallow(ref buffer);
            frame = new MemcachedFrame(line, null, MemcachedErrors.TooLarge);
            return true;
        }

        return TryReadBlock(ref buffer, new PendingBlock(line.Length, buffer.Length - rest.Length, length), out frame);
    }

    private bool TryReadBlock(ref ReadOnlySequence<byte> buffer, PendingBlock block, out MemcachedFrame frame)
    {
        frame = default;
        if (buffer.Length - block.LineBytes < block.DataLength + 2)
        {
            _pending = block;
            return false;
        }

        _pending = null;
        var line = buffer.Slice(0, block.LineLength);
        var rest = buffer.Slice(block.LineBytes);
        var length = block.DataLength;

        // Every byte is overwritten by the copy below, so the array need not be zeroed first.
        var data = GC.AllocateUninitializedArray<byte>((int)length);
        rest.Slice(0, length).CopyTo(data);
        Span<byte> terminator = stackalloc byte[2];
        rest.Slice(length, 2).CopyTo(terminator);
        buffer = rest.Slice(length + 2);
        var intact = terminator[0] == (byte)'\r' && terminator[1] == (byte)'\n';
        frame = new MemcachedFrame(line, data, intact ? null : MemcachedErrors.BadDataChunk);
        return true;
    }

    private bool TrySwallow(ref ReadOnlySequence<byte> buffer)
    {
        if (_toSwallow == 0)
        {
            return true;
        }

        var swallowed = Math.Min(_toSwallow, buffer.Length);
        buffer = buffer.Slice(swallowed);
        _toSwallow -= swallowed;
        return _toSwallow == 0;
    }

    /// <summary>A framed storage line (its length, and with its terminator) and the length of the block it announced.</summary>
    private readonly record struct PendingBlock(long LineLength, long LineBytes, long DataLength);
}
