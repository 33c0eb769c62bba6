namespace ReactiveCache;

/// <summary>
/// Changes committed together (one command, or one snapshot), in sequence order.
/// </summary>
/// <param name="Sequence">The store's sequence number after this batch.</param>
/// <param name="Changes">The changes; for a snapshot, one <see cref="ChangeKind.Added"/> per live key.</param>
/// <param name="IsSnapshot">True for the first batch of <see cref="CacheStore.Connect"/>.</param>
/// <param name="Gap">Set when a resumed subscription asked for changes the replay buffer no longer holds.</param>
public sealed record ChangeBatch(long Sequence, IReadOnlyList<CacheChange> Changes, bool IsSnapshot = false, ChangeGap? Gap = null)
{
    internal static ChangeBatch ForGap(long sequence, ChangeGap gap) => new(sequence, [], Gap: gap);

    /// <summary>This batch restricted to the changes that satisfy <paramref name="predicate"/>.</summary>
    public ChangeBatch Where(Func<CacheChange, bool> predicate) =>
        this with { Changes = Changes.Where(predicate).ToArray() };
}
