namespace ReactiveCache.Store;

/// <summary>
/// Every key of one database in a numbered slot that it keeps for as long as it exists: the store's own order,
/// which SCAN's cursor walks (a page costs what it returns, not the whole keyspace) and RANDOMKEY samples in O(1).
/// Accessed only under the store's lock.
/// </summary>
/// <remarks>
/// Between compactions a key never moves, so a key present for a whole SCAN is returned exactly once. A freed slot
/// is reused by the next new key (last freed, first reused), which keeps the slots dense under churn. After mass
/// deletion, when fewer than a quarter of the slots hold keys, the keys are packed to the front and
/// <see cref="Generation"/> changes: a SCAN cursor of an older generation starts over, so a key present for the whole
/// scan is still returned (perhaps twice, which Redis allows too), and RANDOMKEY's samples keep hitting.
/// </remarks>
internal sealed class KeySlots
{
    private byte[]?[] _keys = new byte[]?[16];
    private readonly Stack<int> _free = new();
    private int _used;

    /// <summary>One past the highest slot ever handed out since the database was last empty.</summary>
    public int End => _used;

    public int Count => _used - _free.Count;

    /// <summary>Changes each time the keys are packed; SCAN cursors carry it.</summary>
    public uint Generation { get; private set; }

    public int Add(byte[] key)
    {
        if (!_free.TryPop(out var slot))
        {
            if (_used == _keys.Length)
            {
                Array.Resize(ref _keys, _keys.Length * 2);
            }

            slot = _used++;
        }

        _keys[slot] = key;
        return slot;
    }

    /// <summary>Frees a slot; past a quarter full, packs the keys and says where each moved key went.</summary>
    public void Remove(int slot, Action<byte[], int> moved)
    {
        _keys[slot] = null;
        _free.Push(slot);
        if (_free.Count == _used)
        {
            Clear();
        }
        else if (_used > 1024 && Count * 4 < _used)
        {
            Pack(moved);
        }
    }

    // O(keys), once per three quarters of the slots freed: amortized O(1) per delete.
    private void Pack(Action<byte[], int> moved)
    {
        var packed = new byte[]?[Math.Max(16, Count * 2)];
        var next = 0;
        for (var slot = 0; slot < _used; slot++)
        {
            if (_keys[slot] is { } key)
            {
                packed[next] = key;
                if (next != slot)
                {
                    moved(key, next);
                }

                next++;
            }
        }

        _keys = packed;
        _used = next;
        _free.Clear();
        Generation++;
    }

    public void Clear()
    {
        if (_keys.Length > 16)
        {
            _keys = new byte[]?[16];
        }
        else
        {
            Array.Clear(_keys);
        }

        _free.Clear();
        _used = 0;
    }

    /// <summary>The key in a slot, or null for a free one.</summary>
    public byte[]? At(int slot) => (uint)slot < (uint)_used ? _keys[slot] : null;
}
