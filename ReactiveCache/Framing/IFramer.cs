using System.Buffers;

namespace ReactiveCache.Framing;

/// <summary>
/// Cuts one connection's byte stream into frames. A framer may keep state between calls (for
/// example, memcached's switch to block mode after a storage command), so each connection has its own.
/// </summary>
internal interface IFramer<TFrame>
{
    /// <summary>
    /// Takes one complete frame off the front of <paramref name="buffer"/>. Returns false, leaving the
    /// buffer as it was, when the frame is not complete yet. Throws <see cref="ProtocolException"/> when
    /// the stream is broken beyond repair (a line over the limit, a bad length).
    /// </summary>
    /// <remarks>The frame may point into <paramref name="buffer"/>; it is valid until the next read.</remarks>
    bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out TFrame frame);

    /// <summary>
    /// Memory this framer holds for an unfinished request beyond the unread input (for example the arguments of a
    /// multibulk request parsed so far), counted toward the connection's query buffer and the clients' memory limit.
    /// </summary>
    long HeldBytes => 0;
}
