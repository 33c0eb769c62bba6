namespace ReactiveCache.Framing;

/// <summary>
/// Output waiting for a client (pushed watch changes and pub/sub messages, or replies) passed its client class's
/// output buffer limit: the client is not keeping up, so it is disconnected rather than allowed to grow the
/// server's memory.
/// </summary>
public sealed class OutputOverflowException(long limit)
    : Exception($"output waiting for the client exceeded {limit} bytes (client-output-buffer-limit)");
