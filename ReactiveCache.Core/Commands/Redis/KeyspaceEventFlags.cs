namespace ReactiveCache.Commands.Redis;

/// <summary>The classes of <c>notify-keyspace-events</c> (notify.c), one bit per letter.</summary>
[Flags]
internal enum KeyspaceEventFlags
{
    None = 0,
    Keyspace = 1 << 0,    // K
    Keyevent = 1 << 1,    // E
    Generic = 1 << 2,     // g
    String = 1 << 3,      // $
    List = 1 << 4,        // l
    Set = 1 << 5,         // s
    Hash = 1 << 6,        // h
    SortedSet = 1 << 7,   // z
    Expired = 1 << 8,     // x
    Evicted = 1 << 9,     // e
    Stream = 1 << 10,     // t
    KeyMiss = 1 << 11,    // m
    Module = 1 << 12,     // d
    New = 1 << 13,        // n

    /// <summary>'A': every class except key misses and new keys, as in Redis.</summary>
    All = Generic | String | List | Set | Hash | SortedSet | Expired | Evicted | Stream | Module,
}
