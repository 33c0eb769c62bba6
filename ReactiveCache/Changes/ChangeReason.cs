namespace ReactiveCache;

/// <summary>
/// Which operation caused a change. <see cref="ChangeKind"/> says what a mirror must do; the reason
/// says why, finely enough to name Redis keyspace events (<c>set</c>, <c>incrby</c>, <c>expire</c>...).
/// </summary>
public enum ChangeReason
{
    /// <summary>A plain write of a value (PUT, SET, memcached set).</summary>
    Set,

    /// <summary>An explicit delete.</summary>
    Delete,

    /// <summary>A time to live was set or changed.</summary>
    Expire,

    /// <summary>A time to live was removed.</summary>
    Persist,

    /// <summary>The time to live ran out.</summary>
    Expired,

    /// <summary>An integer increment or decrement.</summary>
    Increment,

    /// <summary>A floating-point increment.</summary>
    IncrementFloat,

    /// <summary>Bytes appended to the value.</summary>
    Append,

    /// <summary>Bytes prepended to the value.</summary>
    Prepend,

    /// <summary>Part of the value overwritten in place.</summary>
    SetRange,

    /// <summary>The source key of a rename.</summary>
    RenameFrom,

    /// <summary>The destination key of a rename.</summary>
    RenameTo,

    /// <summary>The key left this database for another (MOVE).</summary>
    MoveFrom,

    /// <summary>The key arrived from another database (MOVE).</summary>
    MoveTo,

    /// <summary>The destination key of a copy.</summary>
    Copy,

    /// <summary>The key was removed by a flush of the whole store.</summary>
    Flush,

    /// <summary>The key was dropped to make room.</summary>
    Evict,

    /// <summary>Only the expiry was refreshed by a touch (memcached touch, gat).</summary>
    Touch,

    /// <summary>Hash fields were set (HSET, HSETNX, HMSET).</summary>
    HashSet,

    /// <summary>Hash fields were deleted (HDEL).</summary>
    HashDelete,

    /// <summary>A hash field's integer was incremented (HINCRBY).</summary>
    HashIncrement,

    /// <summary>A hash field's number was incremented (HINCRBYFLOAT).</summary>
    HashIncrementFloat,

    /// <summary>memcached's meta commands marked the item stale (<c>md ... I</c>) or handed out its recache token.</summary>
    Invalidate,

    /// <summary>A whole value was restored from a serialized payload (Redis RESTORE).</summary>
    Restore,
}
