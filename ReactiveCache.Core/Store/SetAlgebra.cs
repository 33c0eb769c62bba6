using ReactiveCache.Store.Values;

namespace ReactiveCache.Store;

/// <summary>
/// A set an operation reads: a live <see cref="SetValue"/> under the store's lock, or a <see cref="MemberSnapshot"/>
/// of one taken under the lock and read after it.
/// </summary>
internal interface IMemberSet
{
    int Count { get; }

    /// <summary>True while Redis would keep the set as an intset, which it iterates in numeric order.</summary>
    bool IsIntset { get; }

    IEnumerable<byte[]> Members { get; }

    bool Contains(byte[] member);
}

/// <summary>
/// SINTER, SUNION and SDIFF (and SINTERCARD) as t_set.c computes them, over sets that are null where a key is absent
/// (an empty set). The same code runs under the lock on small sets and after it on snapshots of big ones.
/// </summary>
internal static class SetAlgebra
{
    /// <summary>
    /// The members every set holds, in the order of the smallest set (as sinterGenericCommand walks it); with
    /// <paramref name="limit"/> above 0, no more than that many (SINTERCARD's LIMIT).
    /// </summary>
    public static byte[][] Intersect(IReadOnlyList<IMemberSet?> sets, long limit = 0)
    {
        if (sets.Any(set => set is null))
        {
            return [];
        }

        var bySize = sets.Select(set => set!).OrderBy(set => set.Count).ToArray();
        var smallest = bySize[0];
        var common = new List<byte[]>();
        foreach (var member in smallest.Members)
        {
            if (InAll(bySize, smallest, member))
            {
                common.Add(member);
                if (limit > 0 && common.Count >= limit)
                {
                    break;
                }
            }
        }

        return [.. common];
    }

    /// <summary>Whether Redis would walk an intset for SINTER (the smallest set is one), so answer in numeric order.</summary>
    public static bool WalksAnIntset(IReadOnlyList<IMemberSet?> sets) =>
        sets.All(set => set is not null) && sets.MinBy(set => set!.Count)!.IsIntset;

    /// <summary>Every member of any set, once each, in first-seen order.</summary>
    public static byte[][] Union(IReadOnlyList<IMemberSet?> sets)
    {
        var union = new HashSet<byte[]>(KeyComparer.Instance);
        var ordered = new List<byte[]>();
        foreach (var set in sets)
        {
            foreach (var member in set?.Members ?? [])
            {
                if (union.Add(member))
                {
                    ordered.Add(member);
                }
            }
        }

        return [.. ordered];
    }

    /// <summary>The members of the first set that no other set holds; a second mention of the first set empties it.</summary>
    public static byte[][] Difference(IReadOnlyList<IMemberSet?> sets)
    {
        if (sets[0] is not { } first || sets.Skip(1).Any(set => ReferenceEquals(set, first)))
        {
            return [];
        }

        var others = sets.Skip(1).OfType<IMemberSet>().OrderByDescending(set => set.Count).ToArray();
        var difference = new List<byte[]>();
        foreach (var member in first.Members)
        {
            if (!others.Any(other => other.Contains(member)))
            {
                difference.Add(member);
            }
        }

        return [.. difference];
    }

    /// <summary>How many members the operation reads: what decides whether it runs under the lock or after it.</summary>
    public static long Work(IReadOnlyList<IMemberSet?> sets) => sets.Sum(set => (long)(set?.Count ?? 0));

    private static bool InAll(IMemberSet[] sets, IMemberSet smallest, byte[] member)
    {
        foreach (var set in sets)
        {
            if (!ReferenceEquals(set, smallest) && !set.Contains(member))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// A set's members copied under the lock (an array copy, cheap), read after it: membership builds a hash set the first
/// time it is asked, off the lock, so a big SINTER or SDIFF does its O(n) work where it stalls no one.
/// </summary>
internal sealed class MemberSnapshot(byte[][] members, bool isIntset) : IMemberSet
{
    private HashSet<byte[]>? _lookup;

    public int Count => members.Length;

    public bool IsIntset => isIntset;

    public IEnumerable<byte[]> Members => members;

    public bool Contains(byte[] member) => (_lookup ??= new HashSet<byte[]>(members, KeyComparer.Instance)).Contains(member);

    /// <summary>Snapshots the sets (null stays null); a set named twice is snapshotted once, so "the same set" is still seen.</summary>
    public static IMemberSet?[] Of(SetValue?[] sets)
    {
        var snapshots = new IMemberSet?[sets.Length];
        for (var i = 0; i < sets.Length; i++)
        {
            var earlier = Array.FindIndex(sets, 0, i, set => set is not null && ReferenceEquals(set, sets[i]));
            snapshots[i] = sets[i] is not { } set ? null : earlier >= 0 ? snapshots[earlier] : new MemberSnapshot(set.ToArray(), set.IsIntset);
        }

        return snapshots;
    }
}
