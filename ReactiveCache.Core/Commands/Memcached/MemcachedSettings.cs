namespace ReactiveCache.Commands.Memcached;

/// <summary>The limits a memcached session enforces and reports under <c>stats settings</c>.</summary>
internal sealed record MemcachedSettings(int MaxItemSize, int MaxClients, int Port, int MaxLineLength)
{
    /// <summary>What <c>version</c> answers: the memcached release whose protocol is spoken, then ours.</summary>
    public const string Version = "1.6.21-reactivecache";
}
