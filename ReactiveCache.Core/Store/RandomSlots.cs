namespace ReactiveCache.Store;

/// <summary>
/// A random key in O(1) expected time: sample slots of a <see cref="KeySlots"/>, which is at least a quarter full once
/// it has more than 1024 slots (freed slots are reused first, and the keys are packed when fewer remain), skipping
/// free slots and keys the caller does not accept. RANDOMKEY takes a live key; random eviction one the command in
/// progress did not write. Runs under the store's lock.
/// </summary>
/// <remarks>
/// 64 samples all miss a quarter-full table once in about 10^8 calls, and a small sparse one more often; then a walk
/// from a random slot finds the next accepted key. Keys that are past their expiry but not yet expired still count as
/// misses for RANDOMKEY, as in Redis's sampling.
/// </remarks>
internal static class RandomSlots
{
    private const int Samples = 64;

    /// <summary>RANDOMKEY: a random key of the database that is not past its expiry.</summary>
    public static bool TryPick(StoreWriter writer, out byte[] key) =>
        TryPick(writer.Slots, writer, static (writer, candidate) =>
            writer.TryPeek(candidate, out _, out var entry) && !entry.IsExpiredAt(writer.NowMs), out key);

    /// <summary>A random key of <paramref name="slots"/> that <paramref name="accept"/> takes.</summary>
    public static bool TryPick<TState>(KeySlots slots, TState state, Func<TState, byte[], bool> accept, out byte[] key)
    {
        key = [];
        if (slots.End == 0)
        {
            return false;
        }

        for (var i = 0; i < Samples; i++)
        {
            if (IsAccepted(slots.At(Random.Shared.Next(slots.End)), state, accept, out key))
            {
                return true;
            }
        }

        var start = Random.Shared.Next(slots.End);
        for (var i = 0; i < slots.End; i++)
        {
            if (IsAccepted(slots.At((start + i) % slots.End), state, accept, out key))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAccepted<TState>(byte[]? candidate, TState state, Func<TState, byte[], bool> accept, out byte[] key)
    {
        key = candidate ?? [];
        return candidate is not null && accept(state, candidate);
    }
}
