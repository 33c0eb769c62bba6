namespace ReactiveCache.Framing;

/// <summary>
/// All clients' buffers together passed maxmemory-clients and this client held the most: it is closed so the
/// others keep being served (Redis 7's client eviction).
/// </summary>
public sealed class ClientEvictedException(long limit)
    : Exception($"client evicted: all clients' buffers passed maxmemory-clients ({limit} bytes)");
