namespace ReactiveCache.Store.Values;

/// <summary>
/// The ranges of a sorted set that ZRANGE, ZCOUNT, ZREMRANGEBY* and the in-process API take: by rank, or by a score or
/// lex bound, each at a cost of O(log n) plus the members returned. Under the store's lock.
/// </summary>
internal static class SortedSetRanges
{
    /// <summary>ZRANGE's and ZREMRANGEBYRANK's indexes: negative from the end, clamped; (0, -1) when nothing is inside.</summary>
    public static (long First, long Last) ClampRanks(long start, long stop, long count)
    {
        start = start < 0 ? Math.Max(0, count + start) : start;
        stop = stop < 0 ? count + stop : stop;
        if (start > stop || start >= count)
        {
            return (0, -1);
        }

        return (start, Math.Min(stop, count - 1));
    }

    /// <summary>The members from rank <paramref name="start"/> to <paramref name="stop"/> inclusive, counted from the highest when <paramref name="reverse"/>.</summary>
    public static ScoredMember[] TakeRanks(this SortedSetValue sortedSet, long start, long stop, bool reverse)
    {
        var (first, last) = ClampRanks(start, stop, sortedSet.Count);
        var members = new ScoredMember[last - first + 1];
        var node = sortedSet.AtRank(reverse ? sortedSet.Count - 1 - first : first);
        for (var i = 0; i < members.Length; i++, node = reverse ? node!.Previous : node!.Next)
        {
            members[i] = new ScoredMember(node!.Member, node.Score);
        }

        return members;
    }

    /// <summary>
    /// The members inside <paramref name="range"/> from the lowest (from the highest when <paramref name="reverse"/>),
    /// skipping <paramref name="offset"/> and taking at most <paramref name="limit"/> (-1: all), as LIMIT does.
    /// </summary>
    public static ScoredMember[] TakeIn<TRange>(this SortedSetValue sortedSet, in TRange range, bool reverse, long offset = 0, long limit = -1)
        where TRange : struct, ISortedSetBound
    {
        var start = reverse ? sortedSet.LastIn(range) : sortedSet.FirstIn(range);
        if (start is null || offset < 0 || offset >= sortedSet.Count)
        {
            return [];
        }

        // Redis walks LIMIT's offset member by member; a rank gets there in O(log n). A negative offset walks off the end.
        var node = start;
        if (offset > 0)
        {
            var rank = sortedSet.RankOf(start);
            node = sortedSet.AtRank(reverse ? rank - offset : rank + offset);
        }

        var members = new List<ScoredMember>();
        for (var left = limit; node is not null && left != 0; left--, node = reverse ? node.Previous : node.Next)
        {
            if (reverse ? range.IsBelow(node) : range.IsBeyond(node))
            {
                break;
            }

            members.Add(new ScoredMember(node.Member, node.Score));
        }

        return [.. members];
    }

    /// <summary>How many members are inside <paramref name="range"/>: two walks and two ranks, whatever the count (ZCOUNT, ZLEXCOUNT).</summary>
    public static int CountIn<TRange>(this SortedSetValue sortedSet, in TRange range)
        where TRange : struct, ISortedSetBound
    {
        if (sortedSet.FirstIn(range) is not { } first)
        {
            return 0;
        }

        return sortedSet.RankOf(sortedSet.LastIn(range)!) - sortedSet.RankOf(first) + 1;
    }
}
