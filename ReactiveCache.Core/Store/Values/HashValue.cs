using System.Runtime.InteropServices;

namespace ReactiveCache.Store.Values;

/// <summary>
/// A hash: fields mapped to byte-string values, changed in place under the store's lock. Each field keeps a slot in
/// a <see cref="KeySlots"/>, as keys do in a database, so HSCAN's cursor and HRANDFIELD's sample cost what they
/// return, not the size of the hash.
/// </summary>
/// <remarks>
/// Field names and values are arrays the hash owns and never changes: a change or a reply may carry them out of
/// the lock as they are. <see cref="IsListpack"/> mirrors the encoding Redis would have chosen (OBJECT ENCODING):
/// small hashes start as a listpack and turn into a hashtable once a field or value is longer, or the hash larger,
/// than the limits in force at that write, and never turn back.
/// </remarks>
internal sealed class HashValue : CacheValue
{
    /// <summary>
    /// One field's bookkeeping: its dictionary entry (32 bytes) and bucket (4) in a table that doubles (so about 1.5
    /// times that), its slot (8, doubling too), and the headers and alignment of its two arrays (24 each, plus up to 7);
    /// the last 12 bytes are what ReactiveCache.Benchmarks' <c>accounting</c> run found beyond that on the managed heap.
    /// </summary>
    internal const long FieldOverhead = 54 + 12 + (2 * (Memory.MemoryFootprint.ArrayHeader + 4)) + 12;

    /// <summary>The hash object, its dictionary and its slots before any field (with the 56 bytes the same run found).</summary>
    private const long HashOverhead = 64 + 80 + 64 + 56;

    private readonly Dictionary<byte[], Field> _fields;
    private readonly Dictionary<byte[], Field>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;
    private readonly KeySlots _slots = new();
    private long _payload;

    public HashValue()
    {
        _fields = new Dictionary<byte[], Field>(KeyComparer.Instance);
        _bySpan = _fields.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public override ValueKind Kind => ValueKind.Hash;

    public override long Size => HashOverhead + _payload + (_fields.Count * FieldOverhead);

    public int Count => _fields.Count;

    /// <summary>True while Redis would keep this hash as a listpack.</summary>
    public bool IsListpack { get; private set; } = true;

    /// <summary>The fields in slot order: HSCAN's cursor and HRANDFIELD's sample.</summary>
    public KeySlots Slots => _slots;

    public bool TryGet(ReadOnlySpan<byte> field, out byte[] value)
    {
        var found = _bySpan.TryGetValue(field, out var entry);
        value = entry.Value;
        return found;
    }

    public bool Contains(ReadOnlySpan<byte> field) => _bySpan.ContainsKey(field);

    /// <summary>Sets a field; the hash keeps both arrays. Returns true when the field is new.</summary>
    public bool Set(byte[] field, byte[] value, ListpackLimits limits)
    {
        if (IsListpack && (field.Length > limits.MaxValue || value.Length > limits.MaxValue))
        {
            IsListpack = false;
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_fields, field, out var existed);
        if (existed)
        {
            _payload += value.Length - slot.Value.Length;
            slot = slot with { Value = value };
            return false;
        }

        slot = new Field(value, _slots.Add(field));
        _payload += field.Length + value.Length;
        if (IsListpack && _fields.Count > limits.MaxEntries)
        {
            IsListpack = false;
        }

        return true;
    }

    public bool Remove(ReadOnlySpan<byte> field)
    {
        if (!_bySpan.Remove(field, out var name, out var removed))
        {
            return false;
        }

        _payload -= name.Length + removed.Value.Length;
        _slots.Remove(removed.Slot, _moveSlot ??= MoveSlot);
        return true;
    }

    /// <summary>Every field and value, in the hash's order (insertion order until fields are deleted).</summary>
    public IEnumerable<HashField> Fields
    {
        get
        {
            foreach (var (name, entry) in _fields)
            {
                yield return new HashField(name, entry.Value);
            }
        }
    }

    /// <summary>A copy of every field, for a change or snapshot that leaves the lock.</summary>
    public HashField[] ToArray()
    {
        var fields = new HashField[_fields.Count];
        var i = 0;
        foreach (var (name, field) in _fields)
        {
            fields[i++] = new HashField(name, field.Value);
        }

        return fields;
    }

    /// <summary>An independent hash with the same fields and encoding; the arrays are shared, as they never change.</summary>
    public override CacheValue Copy()
    {
        var copy = new HashValue { IsListpack = IsListpack };
        var unlimited = new ListpackLimits(long.MaxValue, long.MaxValue);
        foreach (var (name, field) in _fields)
        {
            copy.Set(name, field.Value, unlimited);
        }

        return copy;
    }

    private Action<byte[], int>? _moveSlot;

    private void MoveSlot(byte[] field, int slot)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_fields, field);
        entry = entry with { Slot = slot };
    }

    private readonly record struct Field(byte[] Value, int Slot);
}

/// <summary>The sizes past which Redis stops keeping a collection as a listpack (hash-max-listpack-entries, -value).</summary>
internal readonly record struct ListpackLimits(long MaxEntries, long MaxValue)
{
    /// <summary>Redis 7.0's defaults (config.c and redis.conf): 512 entries, 64 bytes.</summary>
    public static readonly ListpackLimits HashDefaults = new(512, 64);

    /// <summary>Redis 7.0's zset-max-listpack-entries and -value: 128 members, 64 bytes.</summary>
    public static readonly ListpackLimits SortedSetDefaults = new(128, 64);
}
