namespace ReactiveCache.Changes;

/// <summary>
/// The last <c>capacity</c> changes, so a subscriber can resume from a sequence number. Accessed only
/// under the store's lock. Records are structs in one array, so keeping them costs no allocation per
/// write; the array grows by doubling up to the capacity, so an idle store (or database) stays small.
/// </summary>
internal sealed class ReplayBuffer(int capacity)
{
    private const int InitialSize = 1024;

    private ChangeRecord[] _ring = new ChangeRecord[Math.Min(Math.Max(capacity, 0), InitialSize)];
    private long _count;

    public void Add(in ChangeRecord change)
    {
        if (_ring.Length == 0)
        {
            return;
        }

        if (_count >= _ring.Length && _ring.Length < capacity)
        {
            Grow(change.Sequence - 1);
        }

        _ring[(int)(change.Sequence % _ring.Length)] = change;
        _count++;
    }

    private void Grow(long lastSequence)
    {
        var grown = new ChangeRecord[(int)Math.Min(capacity, (long)_ring.Length * 2)];
        for (var sequence = lastSequence - _ring.Length + 1; sequence <= lastSequence; sequence++)
        {
            grown[(int)(sequence % grown.Length)] = _ring[(int)(sequence % _ring.Length)];
        }

        _ring = grown;
    }

    /// <summary>Copies the buffered changes after <paramref name="afterSequence"/>, up to <paramref name="lastSequence"/>.</summary>
    /// <returns>The range that was asked for but is no longer held, if any.</returns>
    public ChangeGap? CopyAfter(long afterSequence, long lastSequence, List<CacheChange> into)
    {
        var oldestHeld = lastSequence - Math.Min(_count, _ring.Length) + 1;
        var first = Math.Max(afterSequence + 1, oldestHeld);
        for (var sequence = first; sequence <= lastSequence; sequence++)
        {
            into.Add(_ring[(int)(sequence % _ring.Length)].ToChange());
        }

        return afterSequence + 1 < oldestHeld ? new ChangeGap(afterSequence + 1, oldestHeld - 1) : null;
    }
}
