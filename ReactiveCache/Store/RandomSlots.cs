namespace ReactiveCache.Store;

/// <summary>
/// A random live key in O(1) expected time: sample slots of the database's <see cref="KeySlots"/>, which are at
/// least a quarter full (freed slots are reused first, and the keys are packed when fewer remain), skipping free
/// and expired ones. Runs under the store's lock.
/// </summary>
/// <remarks>
/// 64 samples all miss a quarter-full table once in about 10^8 calls; then a walk from a random slot finds the
/// next live key. Keys that are past their expiry but not yet expired still count as misses, as in Redis's
/// sampling.
/// </remarks>
internal static class RandomSlots
{
    private const int Samples = 64;

    public static bool TryPick(StoreWriter writer, out byte[] key)
    {
        var slots = writer.Slots;
        key = [];
        if (slots.End == 0)
        {
            return false;
        }

        for (var i = 0; i < Samples; i++)
        {
            if (IsLive(writer, slots.At(Random.Shared.Next(slots.End)), out key))
            {
                return true;
            }
        }

        var start = Random.Shared.Next(slots.End);
        for (var i = 0; i < slots.End; i++)
        {
            if (IsLive(writer, slots.At((start + i) % slots.End), out key))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLive(StoreWriter writer, byte[]? candidate, out byte[] key)
    {
        key = candidate ?? [];
        return candidate is not null && writer.TryPeek(candidate, out _, out var entry) && !entry.IsExpiredAt(writer.NowMs);
    }
}
