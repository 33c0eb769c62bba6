using System.Buffers;

namespace ReactiveCache.Protocols.Memcached;

/// <summary>
/// One request as framed: the command line (without its terminator), the data block of a storage
/// command (copied once, straight into the array the store will keep), or the error the framer
/// already knows the answer to (an oversized item, a data block without its CRLF).
/// </summary>
/// <remarks>
/// <see cref="Line"/> points into the receive buffer and is valid only during the frame's <c>OnNext</c> (see
/// <c>Connection.ReceivedFrames</c>); <see cref="Data"/> is the frame's own array and may be kept.
/// </remarks>
internal readonly record struct MemcachedFrame(ReadOnlySequence<byte> Line, byte[]? Data, string? Error);
