using ReactiveCache.Store.Values;

namespace ReactiveCache.Store;

// List edits shared by every protocol and the in-process API: pushes and pops at either end, one change each.
internal sealed partial class StoreWriter
{
    /// <summary>The live list at a key; another type throws <see cref="WrongTypeException"/>.</summary>
    public bool TryGetList(ReadOnlySpan<byte> key, out CacheEntry entry, out ListValue list) =>
        TryGetCollection(key, ValueKind.List, out entry, out list);

    /// <summary>
    /// Pushes <paramref name="elements"/> one after another at the head (LPUSH: the last ends up first) or the tail, as
    /// one change; <paramref name="onlyIfExists"/> (LPUSHX) pushes nothing when there is no list. Returns the length after.
    /// </summary>
    public int Push(ReadOnlySpan<byte> key, byte[][] elements, bool left, bool onlyIfExists = false)
    {
        if (onlyIfExists && !TryGetList(key, out _, out _))
        {
            return 0;
        }

        var list = EditForGrowth<ListValue>(key, ValueKind.List, out var entry, out var created);
        var edits = new ElementChange[elements.Length];
        for (var i = 0; i < elements.Length; i++)
        {
            if (left)
            {
                list.PushLeft(elements[i]);
            }
            else
            {
                list.PushRight(elements[i]);
            }

            edits[i] = new ElementChange(ElementEdit.Added, elements[i], left ? 0 : -1);
        }

        RecordEdits(entry, created, left ? ChangeReason.ListPushLeft : ChangeReason.ListPushRight, edits);
        return list.Count;
    }

    /// <summary>
    /// Pops up to <paramref name="count"/> elements from the head or the tail as one change (a list left empty goes in
    /// it). Returns them in the order popped, or null when there is no list.
    /// </summary>
    public byte[][]? Pop(ReadOnlySpan<byte> key, bool left, long count = 1)
    {
        if (!TryGetList(key, out var entry, out var list))
        {
            return null;
        }

        var popped = new byte[(int)Math.Min(count, list.Count)][];
        var edits = new ElementChange[popped.Length];
        for (var i = 0; i < popped.Length; i++)
        {
            popped[i] = left ? list.PopLeft() : list.PopRight();
            edits[i] = new ElementChange(ElementEdit.Removed, popped[i], left ? 0 : -1);
        }

        RecordEdits(entry, created: false, left ? ChangeReason.ListPopLeft : ChangeReason.ListPopRight, edits);
        return popped;
    }
}
