namespace ReactiveCache.Store;

/// <summary>
/// Every key of one database in a numbered slot that it keeps for as long as it exists: the store's own order,
/// which SCAN's cursor walks (a page costs what it returns, not the whole keyspace) and RANDOMKEY samples in O(1).
/// Accessed only under the store's lock.
/// </summary>
/// <remarks>
/// A key never moves while it exists, so a key present for a whole SCAN is returned exactly once, as Redis
/// guarantees. A freed slot is reused by the next new key (last freed, first reused), which keeps the slots dense
/// under churn; once a database is empty the slots start over.
/// </remarks>
internal sealed class KeySlots
{
    private byte[]?[] _keys = new byte[]?[16];
    private readonly Stack<int> _free = new();
    private int _used;

    /// <summary>One past the highest slot ever handed out since the database was last empty.</summary>
    public int End => _used;

    public int Count => _used - _free.Count;

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

    public void Remove(int slot)
    {
        _keys[slot] = null;
        _free.Push(slot);
        if (_free.Count == _used)
        {
            Clear();
        }
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
