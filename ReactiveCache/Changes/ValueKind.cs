namespace ReactiveCache;

/// <summary>The type of value a key holds, as Redis's TYPE names it.</summary>
public enum ValueKind
{
    /// <summary>A byte string: everything the native protocol and memcached store, and Redis's strings.</summary>
    String,

    /// <summary>A map of fields to byte-string values (Redis's hashes).</summary>
    Hash,
}
