using ReactiveCache.Store.Values;

namespace ReactiveCache.Store;

// Sorted-set edits shared by every protocol and the in-process API: one change per command, carrying each member
// added or given a new score (Added, with the score) and each member removed.
internal sealed partial class StoreWriter
{
    /// <summary>The live sorted set at a key; another type throws <see cref="WrongTypeException"/>.</summary>
    public bool TryGetSortedSet(ReadOnlySpan<byte> key, out CacheEntry entry, out SortedSetValue sortedSet) =>
        TryGetCollection(key, ValueKind.SortedSet, out entry, out sortedSet);

    /// <summary>
    /// ZADD's zsetAdd for each member in turn, as one change: <paramref name="rules"/> say which members may be added
    /// or changed and whether the score is an increment. An increment that would make a score NaN changes nothing.
    /// </summary>
    public ScoreOutcome AddScored(ReadOnlySpan<byte> key, ScoredMember[] members, ScoreRules rules, ListpackLimits limits)
    {
        if (rules.HasFlag(ScoreRules.OnlyExisting) && !TryGetSortedSet(key, out _, out _))
        {
            return default;
        }

        var sortedSet = EditForGrowth<SortedSetValue>(key, ValueKind.SortedSet, out var entry, out var created);
        var edits = new List<ElementChange>(members.Length);
        var outcome = default(ScoreOutcome);
        foreach (var (member, given) in members)
        {
            if (!TryScore(sortedSet, member, given, rules, out var score, out var existed))
            {
                outcome = outcome with { NotANumber = double.IsNaN(score) };
                if (outcome.NotANumber)
                {
                    break;
                }

                continue;
            }

            outcome = outcome with { Processed = outcome.Processed + 1, Score = score };
            if (existed && sortedSet.TryGetScore(member, out var current) && current == score)
            {
                continue;
            }

            var stored = sortedSet.Set(member, score, limits, out var added);
            outcome = added ? outcome with { Added = outcome.Added + 1 } : outcome with { Updated = outcome.Updated + 1 };
            edits.Add(new ElementChange(ElementEdit.Added, member, Score: stored));
        }

        RecordEdits(entry, created, rules.HasFlag(ScoreRules.Increment) ? ChangeReason.SortedSetIncrement : ChangeReason.SortedSetAdd, [.. edits]);
        return outcome;
    }

    /// <summary>Removes members (ZREM) as one change; returns how many were members.</summary>
    public int RemoveScored(ReadOnlySpan<byte> key, ReadOnlySpan<byte[]> members)
    {
        if (!TryGetSortedSet(key, out var entry, out var sortedSet))
        {
            return 0;
        }

        var edits = new List<ElementChange>(members.Length);
        foreach (var member in members)
        {
            if (sortedSet.Remove(member, out var stored, out _))
            {
                edits.Add(new ElementChange(ElementEdit.Removed, stored));
            }
        }

        RecordEdits(entry, created: false, ChangeReason.SortedSetRemove, [.. edits]);
        return edits.Count;
    }

    /// <summary>
    /// Removes <paramref name="count"/> members from <paramref name="first"/> upwards, as one change (ZREMRANGEBY*,
    /// ZPOPMIN) or downwards from it (ZPOPMAX); returns them in the order removed.
    /// </summary>
    public ScoredMember[] RemoveRun(CacheEntry entry, SortedSetNode? first, long count, bool downwards, ChangeReason reason)
    {
        var sortedSet = (SortedSetValue)entry.Value;
        var removed = new ScoredMember[first is null ? 0 : Math.Min(count, sortedSet.Count)];
        var node = first;
        for (var i = 0; i < removed.Length && node is not null; i++, node = downwards ? node.Previous : node.Next)
        {
            removed[i] = new ScoredMember(node.Member, node.Score);
        }

        var edits = new ElementChange[removed.Length];
        for (var i = 0; i < removed.Length; i++)
        {
            sortedSet.Remove(removed[i].Member, out _, out _);
            edits[i] = new ElementChange(ElementEdit.Removed, removed[i].Member);
        }

        RecordEdits(entry, created: false, reason, edits);
        return removed;
    }

    /// <summary>Pops up to <paramref name="count"/> of the lowest or highest members (ZPOPMIN, ZPOPMAX); null when there is no sorted set.</summary>
    public ScoredMember[]? PopExtremes(ReadOnlySpan<byte> key, bool highest, long count)
    {
        if (!TryGetSortedSet(key, out var entry, out var sortedSet))
        {
            return null;
        }

        return RemoveRun(entry, highest ? sortedSet.Last : sortedSet.First, count, downwards: highest, highest ? ChangeReason.SortedSetPopMax : ChangeReason.SortedSetPopMin);
    }

    /// <summary>
    /// Stores a sorted set a STORE form built, replacing what the key held (an empty one deletes the key); its
    /// encoding is settled by <paramref name="limits"/>, as Redis converts a STORE result. Returns its size.
    /// </summary>
    public int StoreSortedSet(ReadOnlySpan<byte> key, SortedSetValue value, ListpackLimits limits, ChangeReason reason)
    {
        value.Settle(limits);
        return StoreCollection(key, value, reason);
    }

    // zsetAdd's rules for one member: false when the member is left alone (a NaN score comes back as such).
    private static bool TryScore(SortedSetValue sortedSet, byte[] member, double given, ScoreRules rules, out double score, out bool existed)
    {
        score = given;
        existed = sortedSet.TryGetScore(member, out var current);
        if (!existed)
        {
            return !rules.HasFlag(ScoreRules.OnlyExisting);
        }

        if (rules.HasFlag(ScoreRules.OnlyNew))
        {
            return false;
        }

        if (rules.HasFlag(ScoreRules.Increment))
        {
            score = current + given;
            if (double.IsNaN(score))
            {
                return false;
            }
        }

        return !(rules.HasFlag(ScoreRules.OnlyLess) && score >= current) && !(rules.HasFlag(ScoreRules.OnlyGreater) && score <= current);
    }
}

/// <summary>ZADD's options that decide which members change (CH only changes the reply).</summary>
[Flags]
internal enum ScoreRules
{
    None = 0,

    /// <summary>NX: only add new members.</summary>
    OnlyNew = 1,

    /// <summary>XX: only change existing members.</summary>
    OnlyExisting = 2,

    /// <summary>GT: only raise existing scores.</summary>
    OnlyGreater = 4,

    /// <summary>LT: only lower existing scores.</summary>
    OnlyLess = 8,

    /// <summary>INCR (ZINCRBY): the score is added to the current one.</summary>
    Increment = 16,
}

/// <summary>What ZADD did: members added, existing members given a new score, members not skipped, the last score set.</summary>
internal readonly record struct ScoreOutcome(int Added, int Updated, int Processed, double Score, bool NotANumber);
