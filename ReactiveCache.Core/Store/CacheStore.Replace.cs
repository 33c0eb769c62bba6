using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache;

public sealed partial class CacheStore
{
    /// <summary>
    /// Replaces whatever <paramref name="key"/> held (any type, any time to live) with a hash of <paramref name="fields"/>
    /// and, when given, a time to live, in one write, so no reader sees the key half set: the in-process
    /// IDistributedCache's Set (Hosting/CacheStoreDistributedCache).
    /// </summary>
    internal void ReplaceWithHash(byte[] key, IReadOnlyList<(byte[] Name, byte[] Value)> fields, long? timeToLiveMs) =>
        Write((Key: key, Fields: fields, TtlMs: timeToLiveMs), static (writer, state) =>
        {
            // Refused before anything changes, then one value placed with its expiry: one change for the key (a replay
            // and a keyspace event see a set, not a delete, an hset and an expire).
            writer.RefuseGrowthWhenFull();
            var hash = new HashValue();
            foreach (var (name, value) in state.Fields)
            {
                hash.Set(name, value, ListpackLimits.HashDefaults);
            }

            writer.Place(state.Key, hash, state.TtlMs is { } ttlMs ? writer.NowMs + ttlMs : CacheEntry.NoExpiry, state: null, ChangeReason.Set);
            return 0;
        });
}
