using ReactiveCache.Store.Values;

namespace ReactiveCache.Store;

// Set edits shared by every protocol and the in-process API: one change per key a command changes, each listing the
// members it added or removed (ElementChange Added/Removed, Index 0).
internal sealed partial class StoreWriter
{
    /// <summary>The live set at a key; another type throws <see cref="WrongTypeException"/>.</summary>
    public bool TryGetSet(ReadOnlySpan<byte> key, out CacheEntry entry, out SetValue set) =>
        TryGetCollection(key, ValueKind.Set, out entry, out set);

    /// <summary>
    /// Adds <paramref name="members"/> (the set keeps the arrays) as one change, creating the set when absent; members
    /// already there, or named twice, change nothing. Returns how many were new.
    /// </summary>
    public int AddMembers(ReadOnlySpan<byte> key, ReadOnlySpan<byte[]> members, long maxIntsetEntries)
    {
        var set = EditForGrowth<SetValue>(key, ValueKind.Set, out var entry, out var created);
        var edits = new ElementChange[members.Length];
        var added = 0;
        foreach (var member in members)
        {
            if (set.Add(member, maxIntsetEntries))
            {
                edits[added++] = new ElementChange(ElementEdit.Added, member);
            }
        }

        RecordEdits(entry, created, ChangeReason.SetAdd, added == edits.Length ? edits : edits[..added]);
        return added;
    }

    /// <summary>Removes members as one change (a set left empty goes in it). Returns how many were there.</summary>
    public int RemoveMembers(ReadOnlySpan<byte> key, ReadOnlySpan<byte[]> members)
    {
        if (!TryGetSet(key, out var entry, out var set))
        {
            return 0;
        }

        var edits = new ElementChange[Math.Min(members.Length, set.Count)];
        var removed = 0;
        foreach (var member in members)
        {
            if (set.Remove(member) is { } stored)
            {
                edits[removed++] = new ElementChange(ElementEdit.Removed, stored);
                if (set.Count == 0)
                {
                    break;
                }
            }
        }

        RecordEdits(entry, created: false, ChangeReason.SetRemove, edits[..removed]);
        return removed;
    }

    /// <summary>
    /// Pops up to <paramref name="count"/> random members as one change (an emptied set goes in it): each draw costs a
    /// few probes of the slots, so the work is what is popped, not the size of the set. Returns them, or null when
    /// there is no set.
    /// </summary>
    public byte[][]? PopMembers(ReadOnlySpan<byte> key, long count)
    {
        if (!TryGetSet(key, out var entry, out var set))
        {
            return null;
        }

        byte[][] popped;
        if (count >= set.Count)
        {
            // Redis answers the whole set as SUNION would: an intset in numeric order.
            popped = set.IsIntset ? SetValue.InIntsetOrder(set.ToArray()) : set.ToArray();
            set.Clear();
        }
        else
        {
            popped = new byte[count][];
            for (var i = 0; i < popped.Length; i++)
            {
                popped[i] = set.Remove(set.RandomMember())!;
            }
        }

        var edits = new ElementChange[popped.Length];
        for (var i = 0; i < popped.Length; i++)
        {
            edits[i] = new ElementChange(ElementEdit.Removed, popped[i]);
        }

        RecordEdits(entry, created: false, ChangeReason.SetPop, edits);
        return popped;
    }

    /// <summary>
    /// SMOVE: takes <paramref name="member"/> out of the set at <paramref name="source"/> and adds it to the set at
    /// <paramref name="destination"/>, one change for each key that changed (none for a destination that had it
    /// already). A destination of another type throws before anything changes; moving within one set changes nothing.
    /// Returns whether the source had the member.
    /// </summary>
    public bool MoveMember(ReadOnlySpan<byte> source, ReadOnlySpan<byte> destination, byte[] member, long maxIntsetEntries)
    {
        if (!TryGetSet(source, out var sourceEntry, out var sourceSet))
        {
            return false;
        }

        var destinationExists = TryGetSet(destination, out var destinationEntry, out _);
        if (ReferenceEquals(sourceEntry, destinationEntry))
        {
            return sourceSet.Contains(member);
        }

        if (!sourceSet.Contains(member))
        {
            return false;
        }

        // A move into a new key grows the store: refused when full before the source changes.
        var created = false;
        var target = destinationExists ? (SetValue)destinationEntry.Value : EditForGrowth<SetValue>(destination, ValueKind.Set, out destinationEntry, out created);
        var stored = sourceSet.Remove(member)!;
        RecordEdits(sourceEntry, created: false, ChangeReason.SetRemove, [new ElementChange(ElementEdit.Removed, stored)]);
        ElementChange[] added = target.Add(stored, maxIntsetEntries) ? [new ElementChange(ElementEdit.Added, stored)] : [];
        RecordEdits(destinationEntry, created, ChangeReason.SetAdd, added);
        return true;
    }

    /// <summary>The live sets at <paramref name="keys"/>, null where a key is absent; any other type throws first.</summary>
    public SetValue?[] SetsAt(ReadOnlySpan<byte[]> keys)
    {
        var sets = new SetValue?[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            sets[i] = TryGetSet(keys[i], out _, out var set) ? set : null;
        }

        return sets;
    }

    /// <summary>A STORE form's result: replaces whatever the key held (an empty result deletes it). Returns its size.</summary>
    public int StoreSet(ReadOnlySpan<byte> key, byte[][] members, long maxIntsetEntries, ChangeReason reason) =>
        StoreCollection(key, SetValue.Of(members, maxIntsetEntries), reason);
}
