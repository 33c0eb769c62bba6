namespace ReactiveCache.Store;

/// <summary>
/// What the lookups of every database of one server have found (Redis's <c>keyspace_hits</c>, <c>keyspace_misses</c>)
/// and how many keys expired (<c>expired_keys</c>). Counted under the store's lock, read from anywhere.
/// </summary>
internal sealed class KeyspaceStatistics
{
    private long _hits;
    private long _misses;
    private long _expired;

    public long Hits => Volatile.Read(ref _hits);

    public long Misses => Volatile.Read(ref _misses);

    /// <summary>Keys removed because their time was up, found by a lookup or by the expiry timer.</summary>
    public long ExpiredKeys => Volatile.Read(ref _expired);

    /// <summary>Under the lock: a lookup of a read command found its key, or did not (<see cref="ReadLookups"/>).</summary>
    public void Looked(bool found)
    {
        if (found)
        {
            Volatile.Write(ref _hits, _hits + 1);
        }
        else
        {
            Volatile.Write(ref _misses, _misses + 1);
        }
    }

    /// <summary>Under the lock: a key expired.</summary>
    public void Expired() => Volatile.Write(ref _expired, _expired + 1);

    /// <summary>Under the lock: CONFIG RESETSTAT.</summary>
    public void Reset()
    {
        Volatile.Write(ref _hits, 0);
        Volatile.Write(ref _misses, 0);
        Volatile.Write(ref _expired, 0);
    }
}
