namespace ReactiveCache.Protocols.Memcached;

/// <summary>One hit of a retrieval: what a <c>VALUE</c> line and its data block carry.</summary>
internal readonly record struct MemcachedItem(byte[] Key, byte[] Value, uint Flags, ulong Cas);
