using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>
/// One input of ZUNION, ZINTER, ZDIFF and their STORE forms (zsetopsrc): a sorted set, a plain set (every member
/// scored 1, as Redis scores them) or a missing key (empty), with the weight it is multiplied by. Read under the lock.
/// </summary>
internal sealed class AlgebraSource
{
    private readonly SortedSetValue? _sortedSet;
    private readonly Dictionary<byte[], double>? _set;

    private AlgebraSource(SortedSetValue? sortedSet, Dictionary<byte[], double>? set)
    {
        _sortedSet = sortedSet;
        _set = set;
    }

    public double Weight { get; init; } = 1;

    public int Count => _sortedSet?.Count ?? _set?.Count ?? 0;

    /// <summary>The key's value as an input; a key of another type throws <see cref="WrongTypeException"/>.</summary>
    public static AlgebraSource Of(StoreWriter writer, byte[] key, double weight)
    {
        if (!writer.TryGet(key, out var entry))
        {
            return new AlgebraSource(null, null) { Weight = weight };
        }

        return entry.Value switch
        {
            SortedSetValue sortedSet => new AlgebraSource(sortedSet, null) { Weight = weight },
            CollectionValue { Kind: ValueKind.Set } set => new AlgebraSource(null, Members(set)) { Weight = weight },
            _ => throw new WrongTypeException(ValueKind.SortedSet, entry.Kind),
        };
    }

    /// <summary>Every member with its score (not yet weighted).</summary>
    public IEnumerable<ScoredMember> Members()
    {
        if (_sortedSet is not null)
        {
            for (var node = _sortedSet.First; node is not null; node = node.Next)
            {
                yield return new ScoredMember(node.Member, node.Score);
            }
        }
        else if (_set is not null)
        {
            foreach (var member in _set.Keys)
            {
                yield return new ScoredMember(member, 1);
            }
        }
    }

    public bool TryGetScore(byte[] member, out double score)
    {
        score = 0;
        return _sortedSet?.TryGetScore(member, out score) ?? (_set?.TryGetValue(member, out score) ?? false);
    }

    private static Dictionary<byte[], double> Members(CollectionValue set)
    {
        var members = new Dictionary<byte[], double>(set.Count, KeyComparer.Instance);
        foreach (var element in set.ToElements())
        {
            members[element.Element] = 1;
        }

        return members;
    }
}
