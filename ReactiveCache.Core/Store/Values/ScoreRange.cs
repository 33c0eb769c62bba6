namespace ReactiveCache.Store.Values;

/// <summary>
/// A range of scores as ZRANGEBYSCORE reads it (zrangespec): each end inclusive or exclusive, ±infinity allowed.
/// </summary>
internal readonly record struct ScoreRange(double Min, bool MinExclusive, double Max, bool MaxExclusive) : ISortedSetBound
{
    /// <summary>Every score.</summary>
    public static readonly ScoreRange All = new(double.NegativeInfinity, false, double.PositiveInfinity, false);

    /// <summary>True when no score can be inside (zslIsInRange's first test).</summary>
    public bool IsEmpty => Min > Max || (Min == Max && (MinExclusive || MaxExclusive));

    public bool Contains(double score) => !Below(score) && !Beyond(score);

    public bool IsBelow(SortedSetNode node) => Below(node.Score);

    public bool IsBeyond(SortedSetNode node) => Beyond(node.Score);

    private bool Below(double score) => MinExclusive ? score <= Min : score < Min;

    private bool Beyond(double score) => MaxExclusive ? score >= Max : score > Max;
}
