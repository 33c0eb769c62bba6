namespace ReactiveCache.Store.Values;

/// <summary>
/// A range of members as ZRANGEBYLEX reads it (zlexrangespec): each end "-" (before every member), "+" (after every
/// member), or a member's bytes, inclusive ("[a") or exclusive ("(a"). Compared byte by byte, as memcmp does.
/// </summary>
internal readonly record struct LexRange(LexBound Min, LexBound Max) : ISortedSetBound
{
    /// <summary>True when no member can be inside (zslIsInLexRange's first test, with sdscmplex's order of the ends).</summary>
    public bool IsEmpty
    {
        get
        {
            var order = Order(Min, Max);
            return order > 0 || (order == 0 && (Min.Exclusive || Max.Exclusive));
        }
    }

    public bool Contains(ReadOnlySpan<byte> member) => !Below(member) && !Beyond(member);

    public bool IsBelow(SortedSetNode node) => Below(node.Member);

    public bool IsBeyond(SortedSetNode node) => Beyond(node.Member);

    private bool Below(ReadOnlySpan<byte> member)
    {
        var order = Min.CompareTo(member);
        return Min.Exclusive ? order >= 0 : order > 0;
    }

    private bool Beyond(ReadOnlySpan<byte> member)
    {
        var order = Max.CompareTo(member);
        return Max.Exclusive ? order <= 0 : order < 0;
    }

    private static int Order(LexBound a, LexBound b) =>
        a.Kind == b.Kind && a.Kind != LexBoundKind.Member ? 0
        : a.Kind == LexBoundKind.Least || b.Kind == LexBoundKind.Greatest ? -1
        : a.Kind == LexBoundKind.Greatest || b.Kind == LexBoundKind.Least ? 1
        : a.Value.AsSpan().SequenceCompareTo(b.Value);
}

/// <summary>One end of a <see cref="LexRange"/>.</summary>
internal readonly record struct LexBound(LexBoundKind Kind, byte[] Value, bool Exclusive)
{
    /// <summary>"-": before every member.</summary>
    public static readonly LexBound Least = new(LexBoundKind.Least, [], true);

    /// <summary>"+": after every member.</summary>
    public static readonly LexBound Greatest = new(LexBoundKind.Greatest, [], true);

    /// <summary>Where this end sorts against a member: negative before it, 0 at it, positive after it.</summary>
    public int CompareTo(ReadOnlySpan<byte> member) => Kind switch
    {
        LexBoundKind.Least => -1,
        LexBoundKind.Greatest => 1,
        _ => Value.AsSpan().SequenceCompareTo(member),
    };
}

internal enum LexBoundKind
{
    Least,
    Member,
    Greatest,
}
