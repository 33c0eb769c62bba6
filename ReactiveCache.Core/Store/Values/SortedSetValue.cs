namespace ReactiveCache.Store.Values;

/// <summary>
/// A sorted set: distinct members with a score each, ordered by (score, member bytes) as Redis orders them. A
/// dictionary answers a member's score in O(1); a <see cref="ScoreSkipList"/> answers ranks and walks to a rank, a
/// score or a lex bound in O(log n); each member keeps a slot in a <see cref="KeySlots"/>, so ZSCAN's cursor and
/// ZRANDMEMBER's sample cost what they return. Changed in place under the store's lock.
/// </summary>
/// <remarks>
/// Members are arrays the sorted set owns and never changes: a change or a reply may carry them out of the lock as
/// they are. <see cref="IsListpack"/> mirrors Redis 7.0's encoding (OBJECT ENCODING): "listpack" while the set has at
/// most zset-max-listpack-entries members, none longer than zset-max-listpack-value bytes, then "skiplist" for good.
/// </remarks>
internal sealed class SortedSetValue : CollectionValue
{
    /// <summary>
    /// One member's bookkeeping: its node (48 bytes) and links (24 + 16 per level, 1.33 levels on average), its
    /// dictionary entry (32) and bucket (4) in a table that doubles (so about 1.5 times), and its slot (8, doubling).
    /// </summary>
    private const long MemberOverhead = 48 + 48 + 54 + 12;

    /// <summary>The object, its dictionary, its slots and the skip list's header before any member.</summary>
    private const long SortedSetOverhead = 64 + 80 + 64 + 96;

    private readonly Dictionary<byte[], Scored> _scores;
    private readonly Dictionary<byte[], Scored>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;
    private readonly ScoreSkipList _ordered = new();
    private readonly KeySlots _slots = new();
    private long _payload;

    public SortedSetValue()
    {
        _scores = new Dictionary<byte[], Scored>(KeyComparer.Instance);
        _bySpan = _scores.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public override ValueKind Kind => ValueKind.SortedSet;

    public override int Count => _scores.Count;

    public override long Size => SortedSetOverhead + _payload + (_scores.Count * MemberOverhead);

    /// <summary>True while Redis 7.0 would keep this sorted set as a listpack.</summary>
    public bool IsListpack { get; private set; } = true;

    /// <summary>The members in slot order: ZSCAN's cursor and ZRANDMEMBER's sample.</summary>
    public KeySlots Slots => _slots;

    /// <summary>The lowest member, or null when empty.</summary>
    public SortedSetNode? First => _ordered.First;

    /// <summary>The highest member, or null when empty.</summary>
    public SortedSetNode? Last => _ordered.Last;

    public bool TryGetScore(ReadOnlySpan<byte> member, out double score)
    {
        var found = _bySpan.TryGetValue(member, out var scored);
        score = scored.Score;
        return found;
    }

    /// <summary>
    /// Gives a member a score, adding it when new (the set keeps the array); returns the score stored. A listpack
    /// turns into a skiplist first when the new member would pass <paramref name="limits"/>; while a listpack, -0 is
    /// stored as 0, as a listpack's text of a score reads back.
    /// </summary>
    public double Set(byte[] member, double score, ListpackLimits limits, out bool added)
    {
        if (_bySpan.TryGetValue(member, out var stored, out var scored))
        {
            added = false;
            score = Stored(score);
            if (score != scored.Score)
            {
                _ordered.Remove(stored, scored.Score);
                _ordered.Insert(stored, score);
                _scores[stored] = scored with { Score = score };
            }

            return score;
        }

        if (IsListpack && (_scores.Count + 1 > limits.MaxEntries || member.Length > limits.MaxValue))
        {
            IsListpack = false;
        }

        added = true;
        score = Stored(score);
        _scores.Add(member, new Scored(score, _slots.Add(member)));
        _ordered.Insert(member, score);
        _payload += Memory.MemoryFootprint.Array(member.Length);
        return score;
    }

    /// <summary>Removes a member; <paramref name="stored"/> is the set's own array of it.</summary>
    public bool Remove(ReadOnlySpan<byte> member, out byte[] stored, out double score)
    {
        if (!_bySpan.Remove(member, out stored!, out var scored))
        {
            score = 0;
            return false;
        }

        score = scored.Score;
        _ordered.Remove(stored, scored.Score);
        _slots.Remove(scored.Slot, _moveSlot ??= MoveSlot);
        _payload -= Memory.MemoryFootprint.Array(stored.Length);
        return true;
    }

    /// <summary>The member's 0-based rank from the lowest, or -1 when it is not a member.</summary>
    public int RankOf(ReadOnlySpan<byte> member) =>
        _bySpan.TryGetValue(member, out var scored) ? _ordered.RankOf(member, scored.Score) : -1;

    /// <summary>The 0-based rank of a node of this set.</summary>
    public int RankOf(SortedSetNode node) => _ordered.RankOf(node.Member, node.Score);

    /// <summary>The member at a 0-based rank from the lowest, or null outside 0..Count-1.</summary>
    public SortedSetNode? AtRank(long rank) => _ordered.AtRank(rank);

    /// <summary>The lowest member inside <paramref name="range"/>, or null when none is.</summary>
    public SortedSetNode? FirstIn<TRange>(in TRange range)
        where TRange : struct, ISortedSetBound
    {
        var node = _ordered.FirstNotBelow(range);
        return node is not null && !range.IsBeyond(node) ? node : null;
    }

    /// <summary>The highest member inside <paramref name="range"/>, or null when none is.</summary>
    public SortedSetNode? LastIn<TRange>(in TRange range)
        where TRange : struct, ISortedSetBound
    {
        var node = _ordered.LastNotBeyond(range);
        return node is not null && !range.IsBelow(node) ? node : null;
    }

    /// <summary>Every member and score from the lowest, for a snapshot that leaves the lock.</summary>
    public ScoredMember[] ToArray()
    {
        var members = new ScoredMember[Count];
        var i = 0;
        for (var node = First; node is not null; node = node.Next)
        {
            members[i++] = new ScoredMember(node.Member, node.Score);
        }

        return members;
    }

    public override void Apply(in ElementChange edit)
    {
        if (edit.Edit == ElementEdit.Removed)
        {
            Remove(edit.Element, out _, out _);
        }
        else
        {
            Set(edit.Element, edit.Score, ListpackLimits.SortedSetDefaults, out _);
        }
    }

    public override ElementChange[] ToElements()
    {
        var elements = new ElementChange[Count];
        var i = 0;
        for (var node = First; node is not null; node = node.Next)
        {
            elements[i++] = new ElementChange(ElementEdit.Added, node.Member, Score: node.Score);
        }

        return elements;
    }

    /// <summary>An independent sorted set with the same members and encoding; the arrays are shared, as they never change.</summary>
    public override CacheValue Copy()
    {
        var copy = new SortedSetValue();
        var unlimited = new ListpackLimits(long.MaxValue, long.MaxValue);
        for (var node = First; node is not null; node = node.Next)
        {
            copy.Set(node.Member, node.Score, unlimited, out _);
        }

        copy.IsListpack = IsListpack;
        return copy;
    }

    /// <summary>
    /// Settles the encoding of a set a STORE form built, as zsetConvertToListpackIfNeeded does: a listpack when it
    /// fits <paramref name="limits"/>, whatever it was while being built.
    /// </summary>
    public void Settle(ListpackLimits limits)
    {
        IsListpack = Count <= limits.MaxEntries && _scores.Keys.All(member => member.Length <= limits.MaxValue);
        if (!IsListpack)
        {
            return;
        }

        // A listpack keeps -0 as 0; so does this set, from now on.
        var negativeZeros = new List<byte[]>();
        for (var node = First; node is not null && node.Score <= 0; node = node.Next)
        {
            if (node.Score == 0 && double.IsNegative(node.Score))
            {
                negativeZeros.Add(node.Member);
            }
        }

        foreach (var member in negativeZeros)
        {
            Remove(member, out _, out _);
            Set(member, 0.0, limits, out _);
        }
    }

    private double Stored(double score) => IsListpack && score == 0 ? 0.0 : score;

    private Action<byte[], int>? _moveSlot;

    private void MoveSlot(byte[] member, int slot)
    {
        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_scores, member);
        entry = entry with { Slot = slot };
    }

    private readonly record struct Scored(double Score, int Slot);
}

/// <summary>A member and its score, as a snapshot, a reply or a STORE form's source carries them.</summary>
internal readonly record struct ScoredMember(byte[] Member, double Score);
