namespace ReactiveCache.Commands.Redis;

/// <summary>A WATCHed key: its database and the CAS of its entry when watched (0 when it did not exist).</summary>
internal readonly record struct WatchedKey(int Database, byte[] Key, ulong Cas);
