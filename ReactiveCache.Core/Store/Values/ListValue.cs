namespace ReactiveCache.Store.Values;

/// <summary>
/// A list: byte strings in a ring buffer, so pushes and pops at either end cost O(1) and an index costs O(1), as
/// LINDEX and LRANGE want; an insert or removal in the middle moves the shorter side (Redis's quicklist walks to it).
/// </summary>
/// <remarks>
/// Elements are arrays the list owns and never changes: a change or reply may carry them out of the lock as they
/// are. Redis 7.0 keeps every list as a quicklist (the listpack encoding of small lists came with 7.2), so OBJECT
/// ENCODING says "quicklist".
/// </remarks>
internal sealed class ListValue : CollectionValue
{
    /// <summary>The list object and its empty ring, as the accounting run measures them.</summary>
    private const long ListOverhead = 64;

    /// <summary>A reference in the ring for each element (capacity doubles, so about 1.5 times 8 bytes).</summary>
    private const long SlotOverhead = 12;

    private byte[][] _ring = [];
    private int _head;
    private int _count;
    private long _payload;

    public override ValueKind Kind => ValueKind.List;

    public override int Count => _count;

    public override long Size => ListOverhead + _payload + (_count * SlotOverhead);

    /// <summary>The element at <paramref name="index"/> from the head (0 ≤ index &lt; Count).</summary>
    public byte[] this[int index]
    {
        get => _ring[Physical(index)];
        set
        {
            ref var slot = ref _ring[Physical(index)];
            _payload += Memory.MemoryFootprint.Array(value.Length) - Memory.MemoryFootprint.Array(slot.Length);
            slot = value;
        }
    }

    public void PushLeft(byte[] element)
    {
        Grow();
        _head = (_head - 1 + _ring.Length) % _ring.Length;
        _ring[_head] = element;
        Added(element);
    }

    public void PushRight(byte[] element)
    {
        Grow();
        _ring[Physical(_count)] = element;
        Added(element);
    }

    public byte[] PopLeft()
    {
        var element = _ring[_head];
        _ring[_head] = null!;
        _head = (_head + 1) % _ring.Length;
        Removed(element);
        return element;
    }

    public byte[] PopRight()
    {
        var slot = Physical(_count - 1);
        var element = _ring[slot];
        _ring[slot] = null!;
        Removed(element);
        return element;
    }

    /// <summary>Inserts so the element then sits at <paramref name="index"/> (0 ≤ index ≤ Count).</summary>
    public void Insert(int index, byte[] element)
    {
        if (index == 0)
        {
            PushLeft(element);
            return;
        }

        PushRight(element);
        for (var i = _count - 1; i > index; i--)
        {
            _ring[Physical(i)] = _ring[Physical(i - 1)];
        }

        _ring[Physical(index)] = element;
    }

    /// <summary>Removes the element at <paramref name="index"/> (0 ≤ index &lt; Count) and returns it.</summary>
    public byte[] RemoveAt(int index)
    {
        var element = this[index];
        if (index < _count / 2)
        {
            for (var i = index; i > 0; i--)
            {
                _ring[Physical(i)] = _ring[Physical(i - 1)];
            }

            _ring[_head] = element;
            return PopLeft();
        }

        for (var i = index; i < _count - 1; i++)
        {
            _ring[Physical(i)] = _ring[Physical(i + 1)];
        }

        _ring[Physical(_count - 1)] = element;
        return PopRight();
    }

    /// <summary>
    /// Removes up to <paramref name="limit"/> elements equal to <paramref name="element"/> (0: all of them), searching
    /// from the head or, <paramref name="fromTail"/>, from the tail, in one pass that closes the gaps as it goes (LREM).
    /// Returns the edits in the order made, each at the index the element had when it was removed.
    /// </summary>
    public ElementChange[] RemoveMatches(byte[] element, long limit, bool fromTail)
    {
        var removed = new List<ElementChange>();
        if (fromTail)
        {
            // Removing from the tail side leaves the indexes before it alone: each edit names the element's own index.
            var kept = _count;
            for (var i = _count - 1; i >= 0; i--)
            {
                var current = _ring[Physical(i)];
                if ((limit == 0 || removed.Count < limit) && current.AsSpan().SequenceEqual(element))
                {
                    removed.Add(new ElementChange(ElementEdit.Removed, current, i));
                    continue;
                }

                _ring[Physical(--kept)] = current;
            }

            return Dropped(removed, fromLeft: true);
        }

        var write = 0;
        for (var i = 0; i < _count; i++)
        {
            var current = _ring[Physical(i)];
            if ((limit == 0 || removed.Count < limit) && current.AsSpan().SequenceEqual(element))
            {
                // The elements removed before this one have closed up: it sits that many places nearer the head.
                removed.Add(new ElementChange(ElementEdit.Removed, current, i - removed.Count));
                continue;
            }

            _ring[Physical(write++)] = current;
        }

        return Dropped(removed, fromLeft: false);
    }

    /// <summary>The position of the first element equal to <paramref name="element"/> from the head, or -1.</summary>
    public int IndexOf(byte[] element)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_ring[Physical(i)].AsSpan().SequenceEqual(element))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The elements from <paramref name="start"/> to <paramref name="stop"/> inclusive (already clamped to the list).</summary>
    public byte[][] Range(int start, int stop)
    {
        if (start > stop)
        {
            return [];
        }

        var range = new byte[stop - start + 1][];
        for (var i = 0; i < range.Length; i++)
        {
            range[i] = _ring[Physical(start + i)];
        }

        return range;
    }

    public override void Apply(in ElementChange edit)
    {
        var index = (int)edit.Index;
        switch (edit.Edit)
        {
            case ElementEdit.Added:
                Insert(index >= 0 ? index : _count + index + 1, edit.Element);
                break;
            case ElementEdit.Removed:
                RemoveAt(index >= 0 ? index : _count + index);
                break;
            case ElementEdit.Replaced:
                this[index >= 0 ? index : _count + index] = edit.Element;
                break;
        }
    }

    public override ElementChange[] ToElements()
    {
        var elements = new ElementChange[_count];
        for (var i = 0; i < _count; i++)
        {
            elements[i] = new ElementChange(ElementEdit.Added, _ring[Physical(i)], -1);
        }

        return elements;
    }

    /// <summary>An independent list with the same elements; the arrays are shared, as they never change.</summary>
    public override CacheValue Copy()
    {
        var copy = new ListValue { _ring = new byte[Math.Max(_count, 4)][], _count = _count, _payload = _payload };
        for (var i = 0; i < _count; i++)
        {
            copy._ring[i] = _ring[Physical(i)];
        }

        return copy;
    }

    // After RemoveMatches closed up its survivors at one end: the slots left at the other end leave the list.
    private ElementChange[] Dropped(List<ElementChange> removed, bool fromLeft)
    {
        foreach (var edit in removed)
        {
            if (fromLeft)
            {
                _ring[_head] = edit.Element;
                PopLeft();
            }
            else
            {
                _ring[Physical(_count - 1)] = edit.Element;
                PopRight();
            }
        }

        return [.. removed];
    }

    private int Physical(int index)
    {
        var slot = _head + index;
        return slot >= _ring.Length ? slot - _ring.Length : slot;
    }

    private void Grow()
    {
        if (_count == _ring.Length)
        {
            Resize(Math.Max(4, _ring.Length * 2));
        }
    }

    private void Resize(int capacity)
    {
        var ring = new byte[capacity][];
        for (var i = 0; i < _count; i++)
        {
            ring[i] = _ring[Physical(i)];
        }

        _ring = ring;
        _head = 0;
    }

    private void Added(byte[] element)
    {
        _count++;
        _payload += Memory.MemoryFootprint.Array(element.Length);
    }

    private void Removed(byte[] element)
    {
        _count--;
        _payload -= Memory.MemoryFootprint.Array(element.Length);
        if (_count == 0)
        {
            _head = 0;
        }

        // A queue drained from a million elements to a few gives its ring back.
        if (_ring.Length > 64 && _count < _ring.Length / 4)
        {
            Resize(_ring.Length / 2);
        }
    }
}
