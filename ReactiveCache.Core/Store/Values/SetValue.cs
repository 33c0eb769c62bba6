using System.Runtime.InteropServices;

namespace ReactiveCache.Store.Values;

/// <summary>
/// A set: distinct byte-string members, changed in place under the store's lock; add, remove and membership cost
/// O(1). Each member keeps a slot in a <see cref="KeySlots"/>, as a hash's fields do, so SSCAN's cursor and the random
/// picks of SPOP and SRANDMEMBER cost what they return, not the size of the set.
/// </summary>
/// <remarks>
/// Members are arrays the set owns and never changes: a change or a reply may carry them out of the lock as they are.
/// <see cref="IsIntset"/> mirrors the encoding Redis 7.0 would have chosen (OBJECT ENCODING): a set is an intset while
/// every member is an integer as Redis's string2ll reads one and it has at most set-max-intset-entries members, and
/// turns into a hashtable for good once either stops being true (7.0 has no listpack sets; 7.2 added them). Redis
/// iterates an intset in numeric order, so the commands that answer a whole intset sort it (<see cref="InIntsetOrder"/>).
/// </remarks>
internal sealed class SetValue : CollectionValue, IMemberSet
{
    /// <summary>Redis 7.0's set-max-intset-entries default (config.c).</summary>
    public const long DefaultMaxIntsetEntries = 512;

    /// <summary>
    /// One member's bookkeeping beyond its array: its dictionary entry (24 bytes) and bucket (4) in a table that doubles
    /// (so about 1.5 times that) and its slot (8, doubling too); the last 12 bytes are what ReactiveCache.Benchmarks'
    /// <c>accounting</c> run found beyond that on the managed heap, as for a hash's fields.
    /// </summary>
    internal const long MemberOverhead = 42 + 12 + 12;

    /// <summary>The set object, its dictionary and its slots before any member, as for a hash.</summary>
    private const long SetOverhead = 64 + 80 + 64 + 56;

    // Redis caps the intset at 2^30 entries whatever the setting (setTypeAdd).
    private const long IntsetCap = 1 << 30;

    private readonly Dictionary<byte[], int> _members;
    private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;
    private readonly KeySlots _slots = new();
    private long _payload;
    private Action<byte[], int>? _moveSlot;

    /// <summary>A new set of <paramref name="members"/> (a STORE form's result; built off the lock for a big one).</summary>
    public static SetValue Of(byte[][] members, long maxIntsetEntries)
    {
        var set = new SetValue();
        foreach (var member in members)
        {
            set.Add(member, maxIntsetEntries);
        }

        return set;
    }

    public SetValue()
    {
        _members = new Dictionary<byte[], int>(KeyComparer.Instance);
        _bySpan = _members.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public override ValueKind Kind => ValueKind.Set;

    public override int Count => _members.Count;

    public override long Size => SetOverhead + _payload + (_members.Count * MemberOverhead);

    /// <summary>True while Redis would keep this set as an intset.</summary>
    public bool IsIntset { get; private set; } = true;

    /// <summary>The members in slot order: SSCAN's cursor and the random picks.</summary>
    public KeySlots Slots => _slots;

    public bool Contains(ReadOnlySpan<byte> member) => _bySpan.ContainsKey(member);

    /// <summary>Adds a member the set then keeps. Returns true when it is new.</summary>
    public bool Add(byte[] member, long maxIntsetEntries)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_members, member, out var existed);
        if (existed)
        {
            return false;
        }

        slot = _slots.Add(member);
        _payload += Memory.MemoryFootprint.Array(member.Length);
        if (IsIntset && (!IntsetMember.TryParse(member, out _) || _members.Count > Math.Min(maxIntsetEntries, IntsetCap)))
        {
            IsIntset = false;
        }

        return true;
    }

    /// <summary>Removes a member; returns the set's own array of it, or null when it was not there.</summary>
    public byte[]? Remove(ReadOnlySpan<byte> member)
    {
        if (!_bySpan.Remove(member, out var stored, out var slot))
        {
            return null;
        }

        _payload -= Memory.MemoryFootprint.Array(stored.Length);
        _slots.Remove(slot, _moveSlot ??= MoveSlot);
        return stored;
    }

    /// <summary>A uniformly random member; the set is never empty (an emptied set is removed).</summary>
    public byte[] RandomMember()
    {
        // The slots are at least a quarter full past 1024 of them, so this takes a few probes at most on average.
        while (true)
        {
            if (_slots.At(Random.Shared.Next(_slots.End)) is { } member)
            {
                return member;
            }
        }
    }

    /// <summary>A copy of every member, for a change, snapshot or reply that leaves the lock.</summary>
    public byte[][] ToArray()
    {
        var members = new byte[_members.Count][];
        _members.Keys.CopyTo(members, 0);
        return members;
    }

    /// <summary>The members (held by the set: read under the lock only).</summary>
    public IEnumerable<byte[]> Members => _members.Keys;

    bool IMemberSet.Contains(byte[] member) => Contains(member);

    /// <summary>Empties the set (a pop of every member); the caller records the members it took.</summary>
    public void Clear()
    {
        _members.Clear();
        _slots.Clear();
        _payload = 0;
    }

    /// <summary>Sorts members that are all integers into the numeric order Redis iterates an intset in.</summary>
    public static byte[][] InIntsetOrder(byte[][] members)
    {
        var numbers = new long[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            IntsetMember.TryParse(members[i], out numbers[i]);
        }

        Array.Sort(numbers, members);
        return members;
    }

    /// <summary>Whether Redis would keep these members as an intset (a STORE form's result, SUNION's and SDIFF's order).</summary>
    public static bool FitsIntset(byte[][] members, long maxIntsetEntries)
    {
        if (members.Length > Math.Min(maxIntsetEntries, IntsetCap))
        {
            return false;
        }

        foreach (var member in members)
        {
            if (!IntsetMember.TryParse(member, out _))
            {
                return false;
            }
        }

        return true;
    }

    public override void Apply(in ElementChange edit)
    {
        if (edit.Edit == ElementEdit.Added)
        {
            Add(edit.Element, DefaultMaxIntsetEntries);
        }
        else
        {
            Remove(edit.Element);
        }
    }

    public override ElementChange[] ToElements()
    {
        var elements = new ElementChange[_members.Count];
        var i = 0;
        foreach (var member in _members.Keys)
        {
            elements[i++] = new ElementChange(ElementEdit.Added, member);
        }

        return elements;
    }

    /// <summary>An independent set with the same members and encoding; the arrays are shared, as they never change.</summary>
    public override CacheValue Copy()
    {
        var copy = new SetValue();
        foreach (var member in _members.Keys)
        {
            copy.Add(member, IntsetCap);
        }

        copy.IsIntset = IsIntset;
        return copy;
    }

    private void MoveSlot(byte[] member, int slot) => CollectionsMarshal.GetValueRefOrNullRef(_members, member) = slot;
}
