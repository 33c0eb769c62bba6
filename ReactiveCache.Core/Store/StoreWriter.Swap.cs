using ReactiveCache.Changes;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Store;

// SWAPDB: two databases exchange their keys inside the one edit, under the one lock. The exchange is written as
// ordinary changes, one per key each database holds afterwards or lost, so the change stream stays the truth:
// replaying it rebuilds both databases, WATCH sees every key that existed in either (Redis's touchAllWatchedKeysInDb),
// and each change signals the key's waits, so a client blocked on a key the swap brought is served when the edit
// ends (Redis's scanDatabaseForReadyKeys). Blocked clients and watched keys stay with their database number, as in
// Redis. The cost is one change per key of both databases, carrying its value (Redis swaps two pointers).
internal sealed partial class StoreWriter
{
    /// <summary>Exchanges the keys (values, times to live, memcached state) of two databases; a database with itself is a no-op.</summary>
    public static void Swap(StoreWriter first, StoreWriter second)
    {
        if (ReferenceEquals(first, second))
        {
            return;
        }

        // What each holds, taken before either changes: placing a value reuses the entry already at that key.
        var firstEntries = first.Holdings();
        var secondEntries = second.Holdings();
        // Each side can lose all it had and gain all the other had: at most twice the keys of both.
        first._keyspace.ExpectChanges(2 * (firstEntries.Length + secondEntries.Length));
        first.TakeOver(secondEntries);
        second.TakeOver(firstEntries);
        first._keyspace.ForgetEvictionCandidates();
    }

    // A key past its time is not carried (Redis touches no WATCH for one, "SWAPDB does not touch watched stale keys"):
    // it goes from its own database with the others the swap takes away.
    private Holding[] Holdings() =>
        _entries.Values
            .Where(entry => !(entry.HasExpiry && entry.IsExpiredAt(NowMs)))
            .Select(entry => new Holding(entry.Key, entry.Value, entry.ExpiresAtMs, entry.Memcached))
            .ToArray();

    // Becomes what the other database held: its own keys the other lacks go, each of the other's is placed.
    private void TakeOver(Holding[] incoming)
    {
        var kept = new HashSet<byte[]>(incoming.Select(entry => entry.Key), KeyComparer.Instance);
        foreach (var key in _entries.Keys.Where(key => !kept.Contains(key)).ToArray())
        {
            Remove(key, ChangeKind.Removed, ChangeReason.SwapDb);
        }

        foreach (var entry in incoming)
        {
            Store(entry.Key, entry.Value, entry.ExpiresAtMs, entry.Memcached, ChangeReason.SwapDb);
        }
    }

    private readonly record struct Holding(byte[] Key, CacheValue Value, long ExpiresAtMs, MemcachedState? Memcached);
}
