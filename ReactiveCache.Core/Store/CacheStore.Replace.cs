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
    internal void ReplaceWithHash(byte[] key, IReadOnlyList<(byte[] Name, byte[] Value)> fields, long? timeToLiveMs)
    {
        HashField[] pairs = [.. fields.Select(field => new HashField(field.Name, field.Value))];
        Write((Key: key, Fields: pairs, TtlMs: timeToLiveMs), static (writer, state) =>
        {
            writer.Remove(state.Key, ChangeKind.Removed, ChangeReason.Set);
            writer.SetFields(state.Key, state.Fields, ListpackLimits.HashDefaults, ChangeReason.HashSet);
            if (state.TtlMs is { } ttlMs && writer.TryGet(state.Key, out var entry))
            {
                writer.SetExpiry(entry, writer.NowMs + ttlMs, ChangeReason.Expire);
            }

            return 0;
        });
    }
}
