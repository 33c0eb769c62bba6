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

    /// <summary>The database was flushed (a <see cref="ChangeKind.Cleared"/> change).</summary>
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

    /// <summary>Elements pushed at a list's head (LPUSH, LPUSHX, the destination of LMOVE ... LEFT).</summary>
    ListPushLeft,

    /// <summary>Elements pushed at a list's tail (RPUSH, RPUSHX, the destination of LMOVE ... RIGHT, RPOPLPUSH).</summary>
    ListPushRight,

    /// <summary>Elements popped from a list's head (LPOP, BLPOP, LMPOP LEFT, the source of LMOVE LEFT).</summary>
    ListPopLeft,

    /// <summary>Elements popped from a list's tail (RPOP, BRPOP, LMPOP RIGHT, the source of LMOVE RIGHT, RPOPLPUSH).</summary>
    ListPopRight,

    /// <summary>An element inserted before or after another (LINSERT).</summary>
    ListInsert,

    /// <summary>A list element overwritten by index (LSET).</summary>
    ListSet,

    /// <summary>List elements removed by value (LREM).</summary>
    ListRemove,

    /// <summary>A list trimmed to a range (LTRIM).</summary>
    ListTrim,

    /// <summary>Members added to a set (SADD, the destination of SMOVE).</summary>
    SetAdd,

    /// <summary>Members removed from a set (SREM, the source of SMOVE).</summary>
    SetRemove,

    /// <summary>Random members popped from a set (SPOP).</summary>
    SetPop,

    /// <summary>A set stored as the intersection of sets (SINTERSTORE).</summary>
    SetInterStore,

    /// <summary>A set stored as the union of sets (SUNIONSTORE).</summary>
    SetUnionStore,

    /// <summary>A set stored as the difference of sets (SDIFFSTORE).</summary>
    SetDiffStore,

    /// <summary>Members added to a sorted set, or given new scores (ZADD).</summary>
    SortedSetAdd,

    /// <summary>A sorted-set member's score incremented (ZINCRBY, ZADD ... INCR).</summary>
    SortedSetIncrement,

    /// <summary>Members removed from a sorted set (ZREM).</summary>
    SortedSetRemove,

    /// <summary>Members removed by rank (ZREMRANGEBYRANK).</summary>
    SortedSetRemoveRangeByRank,

    /// <summary>Members removed by score (ZREMRANGEBYSCORE).</summary>
    SortedSetRemoveRangeByScore,

    /// <summary>Members removed by lexicographic range (ZREMRANGEBYLEX).</summary>
    SortedSetRemoveRangeByLex,

    /// <summary>The lowest-scored members popped (ZPOPMIN, BZPOPMIN, ZMPOP MIN).</summary>
    SortedSetPopMin,

    /// <summary>The highest-scored members popped (ZPOPMAX, BZPOPMAX, ZMPOP MAX).</summary>
    SortedSetPopMax,

    /// <summary>A sorted set stored as a union (ZUNIONSTORE).</summary>
    SortedSetUnionStore,

    /// <summary>A sorted set stored as an intersection (ZINTERSTORE).</summary>
    SortedSetInterStore,

    /// <summary>A sorted set stored as a difference (ZDIFFSTORE).</summary>
    SortedSetDiffStore,

    /// <summary>A sorted set stored from a range of another (ZRANGESTORE).</summary>
    SortedSetRangeStore,

    /// <summary>A list stored from a sort (SORT ... STORE).</summary>
    SortStore,

    /// <summary>A key given or taken by an exchange of two databases (SWAPDB); Redis announces no event for it.</summary>
    SwapDb,
}
