namespace ReactiveCache;

/// <summary>
/// A write met a store over its <see cref="CacheStoreOptions.MaxMemory"/> that its policy cannot bring back under
/// (<see cref="EvictionPolicy.NoEviction"/>, or a volatile policy with no key that has a time to live). Thrown before
/// anything is changed, and answered by each protocol in its own words: Redis's <c>-OOM command not allowed when used
/// memory &gt; 'maxmemory'.</c>, memcached's <c>SERVER_ERROR out of memory storing object</c>, the native
/// <c>ERR out of memory</c>. Reads, deletes and expiry changes are never refused.
/// </summary>
public sealed class MemoryLimitExceededException(long usedMemory, long maxMemory)
    : InvalidOperationException($"The store holds {usedMemory} bytes, more than its limit of {maxMemory}, and its policy cannot evict.")
{
    /// <summary>What the store held when the write was refused.</summary>
    public long UsedMemory { get; } = usedMemory;

    /// <summary>The limit in force.</summary>
    public long MaxMemory { get; } = maxMemory;
}
