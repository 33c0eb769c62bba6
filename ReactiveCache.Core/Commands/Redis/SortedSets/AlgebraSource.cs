using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>
/// One input of ZUNION, ZINTER, ZDIFF and their STORE forms (zsetopsrc): a sorted set, a plain set (every member
/// scored 1, as Redis scores them) or a missing key (empty), with the weight it is multiplied by. Read under the lock,
/// live; or, for a big input, a <see cref="Snapshot"/> copied under the lock and combined after it.
/// </summary>
internal sealed class AlgebraSource
{
    private readonly SortedSetValue? _sortedSet;
    private readonly SetValue? _set;
    private readonly ScoredMember[]? _snapshot;
    private Dictionary<byte[], double>? _scores;

    private AlgebraSource(SortedSetValue? sortedSet, SetValue? set, ScoredMember[]? snapshot)
    {
        _sortedSet = sortedSet;
        _set = set;
        _snapshot = snapshot;
    }

    public double Weight { get; init; } = 1;

    public int Count => _snapshot?.Length ?? _sortedSet?.Count ?? _set?.Count ?? 0;

    /// <summary>The key's value as an input; a key of another type throws <see cref="WrongTypeException"/>.</summary>
    public static AlgebraSource Of(StoreWriter writer, byte[] key, double weight)
    {
        if (!writer.TryGet(key, out var entry))
        {
            return new AlgebraSource(null, null, null) { Weight = weight };
        }

        return entry.Value switch
        {
            SortedSetValue sortedSet => new AlgebraSource(sortedSet, null, null) { Weight = weight },
            SetValue set => new AlgebraSource(null, set, null) { Weight = weight },
            _ => throw new WrongTypeException(ValueKind.SortedSet, entry.Kind),
        };
    }

    /// <summary>Under the lock: a copy of the members and scores (an array copy, no hashing) to combine after it.</summary>
    public AlgebraSource Snapshot() => new(null, null, _snapshot ?? [.. Members()]) { Weight = Weight };

    /// <summary>Every member with its score (not yet weighted), a sorted set's in its order.</summary>
    public IEnumerable<ScoredMember> Members()
    {
        if (_snapshot is not null)
        {
            return _snapshot;
        }

        if (_sortedSet is not null)
        {
            return Walk(_sortedSet);
        }

        return _set?.Members.Select(member => new ScoredMember(member, 1)) ?? [];
    }

    public bool TryGetScore(byte[] member, out double score)
    {
        if (_sortedSet is not null)
        {
            return _sortedSet.TryGetScore(member, out score);
        }

        if (_set is not null)
        {
            score = 1;
            return _set.Contains(member);
        }

        return (_scores ??= Lookup()).TryGetValue(member, out score);
    }

    private static IEnumerable<ScoredMember> Walk(SortedSetValue sortedSet)
    {
        for (var node = sortedSet.First; node is not null; node = node.Next)
        {
            yield return new ScoredMember(node.Member, node.Score);
        }
    }

    // A snapshot's members, hashed once for lookups, after the lock.
    private Dictionary<byte[], double> Lookup()
    {
        var scores = new Dictionary<byte[], double>(Count, KeyComparer.Instance);
        foreach (var (member, score) in Members())
        {
            scores[member] = score;
        }

        return scores;
    }
}
