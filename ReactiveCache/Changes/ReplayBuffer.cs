namespace ReactiveCache.Changes;

/// <summary>
/// The last <c>capacity</c> changes, so a subscriber can resume from a sequence number. Accessed only
/// under the store's lock.
/// </summary>
internal sealed class ReplayBuffer(int capacity)
{
    private readonly CacheChange[] _ring = new CacheChange[Math.Max(capacity, 0)];
    private long _count;

    public void Add(CacheChange change)
    {
        if (_ring.Length == 0)
        {
            return;
        }

        _ring[(int)(change.Sequence % _ring.Length)] = change;
        _count++;
    }

    /// <summary>Copies the buffered changes after <paramref name="afterSequence"/>, up to <paramref name="lastSequence"/>.</summary>
    /// <returns>The range that was asked for but is no longer held, if any.</returns>
    public ChangeGap? CopyAfter(long afterSequence, long lastSequence, List<CacheChange> into)
    {
        var oldestHeld = lastSequence - Math.Min(_count, _ring.Length) + 1;
        var first = Math.Max(afterSequence + 1, oldestHeld);
        for (var sequence = first; sequence <= lastSequence; sequence++)
        {
            into.Add(_ring[(int)(sequence % _ring.Length)]);
        }

        return afterSequence + 1 < oldestHeld ? new ChangeGap(afterSequence + 1, oldestHeld - 1) : null;
    }
}
