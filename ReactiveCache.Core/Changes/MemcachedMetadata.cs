namespace ReactiveCache;

/// <summary>
/// What memcached keeps beside a value, as a change reports it: the client's opaque flags, whether the item was
/// invalidated (served stale until recached, meta <c>md ... I</c>) and whether one client holds the right to recache
/// it (the <c>W</c> token). <c>null</c> on a change whose key has none of these.
/// </summary>
public sealed record MemcachedMetadata(uint Flags, bool Stale = false, bool WinTokenSent = false);
