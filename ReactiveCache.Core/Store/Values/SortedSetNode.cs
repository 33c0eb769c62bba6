namespace ReactiveCache.Store.Values;

/// <summary>
/// One member of a <see cref="ScoreSkipList"/>: the member's bytes (owned, never changed), its score, the link back
/// and a link forward per level with the number of members it skips. Read only under the store's lock.
/// </summary>
internal sealed class SortedSetNode(byte[] member, double score, int levels)
{
    public byte[] Member { get; } = member;

    public double Score { get; } = score;

    /// <summary>The next lower member, or null for the first.</summary>
    public SortedSetNode? Previous { get; set; }

    /// <summary>The next higher member, or null for the last.</summary>
    public SortedSetNode? Next => Levels[0].Forward;

    // A field, so the list's header can grow its links in place.
    internal Link[] Levels = new Link[levels];

    /// <summary>Whether this member sorts before (<paramref name="score"/>, <paramref name="member"/>).</summary>
    public bool Precedes(double score, ReadOnlySpan<byte> member) =>
        Score < score || (Score == score && Member.AsSpan().SequenceCompareTo(member) < 0);

    /// <summary>Whether this member sorts before (<paramref name="score"/>, <paramref name="member"/>) or is it.</summary>
    public bool PrecedesOrIs(double score, ReadOnlySpan<byte> member) =>
        Score < score || (Score == score && Member.AsSpan().SequenceCompareTo(member) <= 0);

    internal struct Link
    {
        public SortedSetNode? Forward;
        public int Span;
    }
}
