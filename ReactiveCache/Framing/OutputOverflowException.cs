namespace ReactiveCache.Framing;

/// <summary>
/// Pushed messages (watch changes, pub/sub) waiting for a client exceeded its output limit: the client
/// is not keeping up, so it is disconnected rather than allowed to grow the server's memory.
/// </summary>
public sealed class OutputOverflowException(long limit)
    : Exception($"pushed output exceeded {limit} bytes");
