namespace ReactiveCache;

/// <summary>What happened to a key, seen from someone mirroring the cache.</summary>
public enum ChangeKind
{
    /// <summary>The key did not exist and now holds a value.</summary>
    Added,

    /// <summary>The key existed and its value or expiry changed.</summary>
    Updated,

    /// <summary>The key was deleted by a command (DEL, a flush, the source side of a rename).</summary>
    Removed,

    /// <summary>The key's time to live ran out.</summary>
    Expired,

    /// <summary>The key was dropped to make room (reserved for the memory limit).</summary>
    Evicted,

    /// <summary>
    /// Every key of the database went at once (FLUSHDB, FLUSHALL, memcached's flush_all): one change with an empty
    /// <see cref="CacheChange.Key"/>, whatever the number of keys, as Redis's FLUSHALL ASYNC frees them in O(1).
    /// </summary>
    Cleared,
}
