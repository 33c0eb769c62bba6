namespace ReactiveCache.Store;

/// <summary>
/// One page of a walk over a <see cref="KeySlots"/> (the keyspace's, or a collection's), for every cursor that pages
/// through one: Redis's SCAN family and memcached's key dumps. The cursor's high 32 bits are the slots' generation,
/// its low 32 bits the slot, so a cursor from before the slots were packed starts over and no name present for the
/// whole walk is missed; a page stops after visiting ten times its count of free or dead slots, as Redis's dictScan
/// gives up after ten times COUNT empty buckets. Runs under the store's lock.
/// </summary>
internal static class SlotWalk
{
    /// <summary>
    /// Up to <paramref name="count"/> items from slot <paramref name="cursor"/> on, each made by
    /// <paramref name="live"/> from a slot's name (false for a name that no longer counts, such as an expired key),
    /// and the cursor of the next page (0 when the walk is done).
    /// </summary>
    public static (ulong Next, T[] Items) Walk<T, TState>(KeySlots slots, ulong cursor, int count, TState state, LiveItem<T, TState> live)
    {
        var page = new List<T>(Math.Min(count, 1024));
        var emptyVisitsLeft = (long)count * 10;
        var slot = (uint)(cursor >> 32) == slots.Generation ? (long)(uint)cursor : 0;
        for (; slot < slots.End && page.Count < count && emptyVisitsLeft > 0; slot++)
        {
            if (slots.At((int)slot) is { } name && live(state, name, out var item))
            {
                page.Add(item);
            }
            else
            {
                emptyVisitsLeft--;
            }
        }

        var next = slot >= slots.End ? 0UL : ((ulong)slots.Generation << 32) | (ulong)slot;
        return (next, page.ToArray());
    }

    public delegate bool LiveItem<T, in TState>(TState state, byte[] name, out T item);
}
