using System.Buffers;
using ReactiveCache.Commands.Memcached;
using ReactiveCache.Framing;

namespace ReactiveCache.Protocols.Memcached;

/// <summary>
/// memcached's framing, Twisted's LineReceiver with setRawMode: a command line, and after a storage
/// command (or <c>ms</c>) a data block of the declared length plus CRLF. An item over the size limit is
/// answered at once and its block swallowed as it arrives, never buffered whole.
/// </summary>
/// <remarks>
/// The one piece of state is how many bytes of an oversized block are still to be swallowed; a block
/// that is not complete yet is simply left in the pipe (its line is read again on the next call).
/// </remarks>
internal sealed class MemcachedFramer(int maxLineLength, int maxItemSize) : IFramer<MemcachedFrame>
{
    private readonly LineFramer _lines = new(maxLineLength);
    private long _toSwallow;

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

        return TryReadBlock(ref buffer, rest, line, length, out frame);
    }

    private static bool TryReadBlock(
        ref ReadOnlySequence<byte> buffer, ReadOnlySequence<byte> rest, ReadOnlySequence<byte> line, long length, out MemcachedFrame frame)
    {
        frame = default;
        if (rest.Length < length + 2)
        {
            return false;
        }

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
}
