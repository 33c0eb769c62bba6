namespace ReactiveCache.Changes;

/// <summary>
/// The most recent changes, so a subscriber can resume from a sequence number: at most <c>capacity</c>
/// of them, and at most <c>byteBudget</c> bytes of the keys and values they hold, because every change
/// keeps its value alive. Accessed only under the store's lock. Records are structs in one array, so keeping
/// them costs no allocation per write; the array grows by doubling up to the capacity, so an idle store (or
/// database) stays small.
/// </summary>
internal sealed class ReplayBuffer(int capacity, long byteBudget)
{
    private const int InitialSize = 1024;

    private ChangeRecord[] _ring = new ChangeRecord[Math.Min(Math.Max(capacity, 0), InitialSize)];
    private long _oldest = 1;
    private long _next = 1;
    private long _bytes;

    private long Count => _next - _oldest;

    /// <summary>The ring's own array and the bytes of the changes in it; read without the lock (one aligned field each).</summary>
    public long Memory => Volatile.Read(ref _bytes) + ((long)_ring.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<ChangeRecord>());

    public void Add(in ChangeRecord change)
    {
        if (_ring.Length == 0)
        {
            _oldest = _next = change.Sequence + 1;
            return;
        }

        if (Count == _ring.Length)
        {
            if (_ring.Length < capacity)
            {
                Grow();
            }
            else
            {
                // The new change takes the oldest one's slot: no need to clear it first.
                _bytes -= _ring[(int)(_oldest % _ring.Length)].Size;
                _oldest++;
            }
        }

        _ring[(int)(change.Sequence % _ring.Length)] = change;
        _next = change.Sequence + 1;
        _bytes += change.Size;
        while (_bytes > byteBudget && Count > 1)
        {
            DropOldest();
        }
    }

    /// <summary>
    /// Copies the buffered changes of <paramref name="database"/> after <paramref name="afterSequence"/>, up to
    /// <paramref name="lastSequence"/>. The buffer holds every database's changes in their one order.
    /// </summary>
    /// <returns>The range that was asked for but is no longer held, if any.</returns>
    public ChangeGap? CopyAfter(long afterSequence, long lastSequence, int database, List<ChangeRecord> into)
    {
        // A resume from the future (WATCH * FROM 9223372036854775807) has nothing to replay, and must not overflow.
        if (afterSequence >= lastSequence)
        {
            return null;
        }

        var oldestHeld = Count == 0 ? lastSequence + 1 : _oldest;
        for (var sequence = Math.Max(afterSequence + 1, oldestHeld); sequence <= lastSequence; sequence++)
        {
            ref readonly var change = ref _ring[(int)(sequence % _ring.Length)];
            if (change.Database == database)
            {
                into.Add(change);
            }
        }

        return afterSequence + 1 < oldestHeld ? new ChangeGap(afterSequence + 1, oldestHeld - 1) : null;
    }

    private void DropOldest()
    {
        ref var oldest = ref _ring[(int)(_oldest % _ring.Length)];
        _bytes -= oldest.Size;
        oldest = default;
        _oldest++;
    }

    private void Grow()
    {
        var grown = new ChangeRecord[(int)Math.Min(capacity, (long)_ring.Length * 2)];
        for (var sequence = _oldest; sequence < _next; sequence++)
        {
            grown[(int)(sequence % grown.Length)] = _ring[(int)(sequence % _ring.Length)];
        }

        _ring = grown;
    }
}
