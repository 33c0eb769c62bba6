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
    /// <remarks>
    /// The frame may point into <paramref name="buffer"/> (a line is a slice of it, never a copy), so it is valid only
    /// until the caller gives those bytes back to their pipe: for <c>Connection.ReceivedFrames</c>, until the frame's
    /// <c>OnNext</c> returns. What the frame type says it owns (an array copied out of the buffer) outlives that.
    /// </remarks>
    bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out TFrame frame);

    /// <summary>
    /// Memory this framer holds for an unfinished request beyond the unread input (for example the arguments of a
    /// multibulk request parsed so far), counted toward the connection's query buffer and the clients' memory limit.
    /// </summary>
    long HeldBytes => 0;
}
