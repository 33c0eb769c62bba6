namespace ReactiveCache.Protocols.Memcached;

/// <summary>How a storage command treats the key's current value (memcached's set family and ms's M flag).</summary>
internal enum StoreMode
{
    Set,
    Add,
    Replace,
    Append,
    Prepend,
    Cas,
}
