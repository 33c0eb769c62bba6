using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// The second half of a STORE form whose sources were copied under the lock, with their versions
/// (<see cref="StoreWriter.VersionsOf"/>): on the thread pool it builds the result and its change's elements, then
/// stores them in a write of its own if no source changed meanwhile. If one did, that write computes the result again
/// from the live sources, as the whole command under one lock would have, so what is stored is always what the sources
/// held at that moment. SINTERSTORE, SUNIONSTORE, SDIFFSTORE, ZUNIONSTORE, ZINTERSTORE and ZDIFFSTORE share it.
/// </summary>
internal static class StoreAfterLock
{
    /// <summary>
    /// The late reply of a STORE form: <paramref name="build"/> runs off the lock and its result goes to
    /// <paramref name="destination"/> while <paramref name="sources"/> still have <paramref name="versions"/>; otherwise
    /// <paramref name="storeLive"/> computes from the live sources and stores, under the lock.
    /// </summary>
    public static RedisReply Answer(
        RedisSession session, byte[][] sources, ulong[] versions, byte[] destination, ChangeReason reason,
        Func<CollectionValue> build, Func<StoreWriter, int> storeLive)
    {
        var store = session.Store;
        return session.OffThread(() =>
        {
            var result = build();
            var stored = new Stored(sources, versions, destination, reason, result, result.ToElements(), storeLive);
            return RedisReply.Of(store.Write(stored, static (writer, stored) =>
                writer.VersionsOf(stored.Sources).AsSpan().SequenceEqual(stored.Versions)
                    ? writer.StoreCollection(stored.Destination, stored.Result, stored.Reason, stored.Elements)
                    : stored.StoreLive(writer)));
        });
    }

    private sealed record Stored(
        byte[][] Sources, ulong[] Versions, byte[] Destination, ChangeReason Reason, CollectionValue Result, ElementChange[] Elements,
        Func<StoreWriter, int> StoreLive);
}
