namespace ReactiveCache.Protocols.Memcached;

/// <summary>The meta commands: mg, ms, md, ma, mn, me.</summary>
internal enum MetaVerb
{
    Get,
    Set,
    Delete,
    Arithmetic,
    NoOp,
    Debug,
}
