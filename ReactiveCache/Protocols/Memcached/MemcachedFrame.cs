using System.Buffers;

namespace ReactiveCache.Protocols.Memcached;

/// <summary>
/// One request as framed: the command line (without its terminator), the data block of a storage
/// command (copied once, straight into the array the store will keep), or the error the framer
/// already knows the answer to (an oversized item, a data block without its CRLF).
/// </summary>
/// <remarks>The line points into the receive buffer and is valid only until the next read.</remarks>
internal readonly record struct MemcachedFrame(ReadOnlySequence<byte> Line, byte[]? Data, string? Error);
