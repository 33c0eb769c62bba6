namespace ReactiveCache;

/// <summary>The type of value a key holds, as Redis's TYPE names it.</summary>
public enum ValueKind
{
    /// <summary>A byte string: everything the native protocol and memcached store, and Redis's strings.</summary>
    String,

    /// <summary>A map of fields to byte-string values (Redis's hashes).</summary>
    Hash,

    /// <summary>An ordered sequence of byte strings, pushed and popped at either end (Redis's lists).</summary>
    List,

    /// <summary>An unordered collection of distinct byte strings (Redis's sets).</summary>
    Set,

    /// <summary>Distinct byte strings ordered by a floating-point score, then by their bytes (Redis's sorted sets).</summary>
    SortedSet,
}
