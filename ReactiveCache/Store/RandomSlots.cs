namespace ReactiveCache.Store;

/// <summary>
/// A random live key in O(1) expected time: sample slots of the database's <see cref="KeySlots"/> (dense under
/// churn, since freed slots are reused first), skipping free and expired ones. Runs under the store's lock.
/// </summary>
/// <remarks>
/// Only when most slots are free (many keys deleted and none added since) do the samples miss; then a walk from a
/// random slot finds the next live key, at most one pass over the slots, as Redis's dictGetRandomKey is slow on a
/// sparse table before it shrinks.
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
