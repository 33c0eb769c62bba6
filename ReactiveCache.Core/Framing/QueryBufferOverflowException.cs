namespace ReactiveCache.Framing;

/// <summary>
/// One connection's unfinished request (the unread input plus what the framer already parsed of it) grew past
/// the client query buffer limit. As Redis does, the client is closed without a reply: it is still sending the
/// request, so it would not read one.
/// </summary>
public sealed class QueryBufferOverflowException(long limit)
    : Exception($"the unfinished request held more than {limit} bytes (client-query-buffer-limit)");
