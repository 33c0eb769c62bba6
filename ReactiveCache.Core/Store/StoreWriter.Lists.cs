using ReactiveCache.Changes;
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

    /// <summary>
    /// Overwrites the element at <paramref name="index"/> (negative from the tail) as one change (LSET). Returns
    /// false when there is no list; throws <see cref="ArgumentOutOfRangeException"/> for an index outside it.
    /// </summary>
    public bool SetAt(ReadOnlySpan<byte> key, long index, byte[] element)
    {
        if (!TryGetList(key, out var entry, out var list))
        {
            return false;
        }

        var at = index < 0 ? list.Count + index : index;
        ArgumentOutOfRangeException.ThrowIfNegative(at, nameof(index));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(at, list.Count, nameof(index));
        list[(int)at] = element;
        RecordEdits(entry, created: false, ChangeReason.ListSet, [new ElementChange(ElementEdit.Replaced, element, at)]);
        return true;
    }

    /// <summary>
    /// Inserts <paramref name="element"/> before or after the first element equal to <paramref name="pivot"/>, as one
    /// change (LINSERT). Returns the length after, 0 when there is no list, -1 when the pivot is not in it.
    /// </summary>
    public int InsertAt(ReadOnlySpan<byte> key, bool before, byte[] pivot, byte[] element)
    {
        if (!TryGetList(key, out var entry, out var list))
        {
            return 0;
        }

        var found = list.IndexOf(pivot);
        if (found < 0)
        {
            return -1;
        }

        // An insert grows the list: refused, like a push, when the store is full.
        RefuseGrowthWhenFull();
        var at = before ? found : found + 1;
        list.Insert(at, element);
        RecordEdits(entry, created: false, ChangeReason.ListInsert, [new ElementChange(ElementEdit.Added, element, at)]);
        return list.Count;
    }

    /// <summary>
    /// Removes up to |<paramref name="count"/>| elements equal to <paramref name="element"/> (0: all) from the head, or
    /// from the tail when <paramref name="count"/> is negative, as one change (LREM). Returns how many were removed.
    /// </summary>
    public int RemoveMatches(ReadOnlySpan<byte> key, long count, byte[] element)
    {
        if (!TryGetList(key, out var entry, out var list))
        {
            return 0;
        }

        // long.MinValue has no positive twin: it asks for more matches than any list holds, as does long.MaxValue.
        var limit = count == long.MinValue ? long.MaxValue : Math.Abs(count);
        var edits = list.RemoveMatches(element, limit, fromTail: count < 0);
        RecordEdits(entry, created: false, ChangeReason.ListRemove, edits);
        return edits.Length;
    }

    /// <summary>
    /// Keeps only the elements from <paramref name="start"/> to <paramref name="stop"/> (LRANGE's indexes), as one
    /// change (LTRIM); a range outside the list removes it. Returns how many elements were removed.
    /// </summary>
    public int Trim(ReadOnlySpan<byte> key, long start, long stop)
    {
        if (!TryGetList(key, out var entry, out var list))
        {
            return 0;
        }

        var (first, last) = CacheStore.ClampRange(start, stop, list.Count);
        var fromHead = last < 0 ? list.Count : first;
        var fromTail = last < 0 ? 0 : list.Count - last - 1;
        var edits = new ElementChange[fromHead + fromTail];
        for (var i = 0; i < fromHead; i++)
        {
            edits[i] = new ElementChange(ElementEdit.Removed, list.PopLeft(), 0);
        }

        for (var i = 0; i < fromTail; i++)
        {
            edits[fromHead + i] = new ElementChange(ElementEdit.Removed, list.PopRight(), -1);
        }

        if (edits.Length == 0)
        {
            RecordNoEdit(entry, ChangeReason.ListTrim);
            return 0;
        }

        RecordEdits(entry, created: false, ChangeReason.ListTrim, edits);
        return edits.Length;
    }

    /// <summary>
    /// Pops an element from one end of <paramref name="source"/> and pushes it at one end of
    /// <paramref name="destination"/> (LMOVE, RPOPLPUSH, a served BLMOVE): one change per key, the push first as
    /// Redis notifies it; one change of two edits when they are the same list, which then only turns. Returns the
    /// element, or null when there is no source list. A destination of another type throws
    /// <see cref="WrongTypeException"/> before anything is popped.
    /// </summary>
    public byte[]? Move(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, bool fromLeft, bool toLeft)
    {
        if (!TryGetList(source, out var sourceEntry, out var sourceList))
        {
            return null;
        }

        var popReason = fromLeft ? ChangeReason.ListPopLeft : ChangeReason.ListPopRight;
        var pushReason = toLeft ? ChangeReason.ListPushLeft : ChangeReason.ListPushRight;
        if (source.SequenceEqual(destination))
        {
            var turned = fromLeft ? sourceList.PopLeft() : sourceList.PopRight();
            Put(sourceList, turned, toLeft);
            RecordEdits(sourceEntry, created: false, pushReason,
            [
                new ElementChange(ElementEdit.Removed, turned, fromLeft ? 0 : -1),
                new ElementChange(ElementEdit.Added, turned, toLeft ? 0 : -1),
            ]);
            return turned;
        }

        var destinationList = EditForGrowth<ListValue>(destination, ValueKind.List, out var destinationEntry, out var created);
        var element = fromLeft ? sourceList[0] : sourceList[sourceList.Count - 1];
        Put(destinationList, element, toLeft);
        RecordEdits(destinationEntry, created, pushReason, [new ElementChange(ElementEdit.Added, element, toLeft ? 0 : -1)]);
        _ = fromLeft ? sourceList.PopLeft() : sourceList.PopRight();
        RecordEdits(sourceEntry, created: false, popReason, [new ElementChange(ElementEdit.Removed, element, fromLeft ? 0 : -1)]);
        return element;
    }

    private static void Put(ListValue list, byte[] element, bool left)
    {
        if (left)
        {
            list.PushLeft(element);
        }
        else
        {
            list.PushRight(element);
        }
    }
}
