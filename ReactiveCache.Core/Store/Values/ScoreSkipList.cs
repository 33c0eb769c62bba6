namespace ReactiveCache.Store.Values;

/// <summary>
/// Redis's zskiplist (t_zset.c): members ordered by (score, member bytes), each level's link carrying how many
/// members it skips, so an insert, a removal, a rank and a walk to a rank or to a score or lex bound all cost
/// O(log n) on average. Accessed only under the store's lock, through <see cref="SortedSetValue"/>.
/// </summary>
internal sealed class ScoreSkipList
{
    /// <summary>Redis's ZSKIPLIST_MAXLEVEL: plenty for 2^64 members at p = 1/4.</summary>
    private const int MaxLevel = 32;

    // The header's links grow with the highest level in use, so a small sorted set does not pay for 32 of them.
    private readonly SortedSetNode _header = new([], 0, 1);
    private int _level = 1;

    public int Count { get; private set; }

    /// <summary>The lowest member, or null when empty.</summary>
    public SortedSetNode? First => _header.Levels[0].Forward;

    /// <summary>The highest member, or null when empty.</summary>
    public SortedSetNode? Last { get; private set; }

    /// <summary>Inserts a member that is not in the list yet; the list keeps the array.</summary>
    public SortedSetNode Insert(byte[] member, double score)
    {
        var level = RandomLevel();
        var update = new SortedSetNode[Math.Max(level, _level)];
        var rank = new int[update.Length];
        var x = _header;
        for (var i = _level - 1; i >= 0; i--)
        {
            rank[i] = i == _level - 1 ? 0 : rank[i + 1];
            while (x.Levels[i].Forward is { } next && next.Precedes(score, member))
            {
                rank[i] += x.Levels[i].Span;
                x = next;
            }

            update[i] = x;
        }

        if (level > _level)
        {
            if (_header.Levels.Length < level)
            {
                Array.Resize(ref _header.Levels, MaxLevel);
            }

            for (var i = _level; i < level; i++)
            {
                rank[i] = 0;
                update[i] = _header;
                _header.Levels[i].Span = Count;
            }

            _level = level;
        }

        var node = new SortedSetNode(member, score, level);
        for (var i = 0; i < level; i++)
        {
            ref var before = ref update[i].Levels[i];
            node.Levels[i].Forward = before.Forward;
            before.Forward = node;
            node.Levels[i].Span = before.Span - (rank[0] - rank[i]);
            before.Span = rank[0] - rank[i] + 1;
        }

        for (var i = level; i < _level; i++)
        {
            update[i].Levels[i].Span++;
        }

        node.Previous = update[0] == _header ? null : update[0];
        if (node.Levels[0].Forward is { } after)
        {
            after.Previous = node;
        }
        else
        {
            Last = node;
        }

        Count++;
        return node;
    }

    /// <summary>Removes the member with this score; false when it is not there.</summary>
    public bool Remove(ReadOnlySpan<byte> member, double score)
    {
        var update = new SortedSetNode[_level];
        var x = _header;
        for (var i = _level - 1; i >= 0; i--)
        {
            while (x.Levels[i].Forward is { } next && next.Precedes(score, member))
            {
                x = next;
            }

            update[i] = x;
        }

        if (x.Levels[0].Forward is not { } found || found.Score != score || !found.Member.AsSpan().SequenceEqual(member))
        {
            return false;
        }

        Unlink(found, update);
        return true;
    }

    /// <summary>The 0-based rank of the member with this score, or -1 when it is not there.</summary>
    public int RankOf(ReadOnlySpan<byte> member, double score)
    {
        var x = _header;
        var rank = 0;
        for (var i = _level - 1; i >= 0; i--)
        {
            while (x.Levels[i].Forward is { } next && next.PrecedesOrIs(score, member))
            {
                rank += x.Levels[i].Span;
                x = next;
            }

            if (x != _header && x.Member.AsSpan().SequenceEqual(member))
            {
                return rank - 1;
            }
        }

        return -1;
    }

    /// <summary>The member at a 0-based rank, or null past the end.</summary>
    public SortedSetNode? AtRank(long rank)
    {
        if (rank < 0 || rank >= Count)
        {
            return null;
        }

        var x = _header;
        long traversed = 0;
        for (var i = _level - 1; i >= 0; i--)
        {
            while (x.Levels[i].Forward is { } next && traversed + x.Levels[i].Span <= rank + 1)
            {
                traversed += x.Levels[i].Span;
                x = next;
            }

            if (traversed == rank + 1)
            {
                return x;
            }
        }

        return null;
    }

    /// <summary>The first member not below <paramref name="bound"/>'s start, or null (it may still be beyond its end).</summary>
    public SortedSetNode? FirstNotBelow<TBound>(in TBound bound)
        where TBound : struct, ISortedSetBound
    {
        var x = _header;
        for (var i = _level - 1; i >= 0; i--)
        {
            while (x.Levels[i].Forward is { } next && bound.IsBelow(next))
            {
                x = next;
            }
        }

        return x.Levels[0].Forward;
    }

    /// <summary>The last member not beyond <paramref name="bound"/>'s end, or null (it may still be below its start).</summary>
    public SortedSetNode? LastNotBeyond<TBound>(in TBound bound)
        where TBound : struct, ISortedSetBound
    {
        var x = _header;
        for (var i = _level - 1; i >= 0; i--)
        {
            while (x.Levels[i].Forward is { } next && !bound.IsBeyond(next))
            {
                x = next;
            }
        }

        return x == _header ? null : x;
    }

    private void Unlink(SortedSetNode node, SortedSetNode[] update)
    {
        for (var i = 0; i < _level; i++)
        {
            ref var before = ref update[i].Levels[i];
            if (before.Forward == node)
            {
                before.Span += node.Levels[i].Span - 1;
                before.Forward = node.Levels[i].Forward;
            }
            else
            {
                before.Span--;
            }
        }

        if (node.Levels[0].Forward is { } after)
        {
            after.Previous = node.Previous;
        }
        else
        {
            Last = node.Previous;
        }

        while (_level > 1 && _header.Levels[_level - 1].Forward is null)
        {
            _level--;
        }

        Count--;
    }

    // zslRandomLevel: each further level with probability 1/4.
    private static int RandomLevel()
    {
        var level = 1;
        while (level < MaxLevel && (Random.Shared.Next() & 3) == 0)
        {
            level++;
        }

        return level;
    }
}

/// <summary>
/// A score or lex range's ends as a skip list walk asks about them: is a member still below the range's start, or
/// already beyond its end.
/// </summary>
internal interface ISortedSetBound
{
    bool IsBelow(SortedSetNode node);

    bool IsBeyond(SortedSetNode node);
}
