using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>
/// The union, intersection and difference of sorted sets as t_zset.c computes them: inputs taken smallest first
/// (union and intersection), a weighted score whose NaN (0 × inf) counts as 0, SUM's inf + -inf as 0.
/// </summary>
internal static class Algebra
{
    public static SortedSetValue Combine(AlgebraQuery query, AlgebraSource[] sources, ListpackLimits limits) => query.Operation switch
    {
        Operation.Union => Union(BySize(sources), query.Aggregate, limits),
        Operation.Inter => Inter(BySize(sources), query.Aggregate, limits),
        _ => Diff(sources, limits),
    };

    /// <summary>ZINTERCARD: how many members every input holds, counting no further than <paramref name="limit"/> (0: no limit).</summary>
    public static long InterCard(AlgebraSource[] sources, long limit)
    {
        var ordered = BySize(sources);
        long count = 0;
        foreach (var (member, _) in ordered[0].Members())
        {
            if (ordered.Skip(1).All(source => source.TryGetScore(member, out _)) && ++count == limit)
            {
                break;
            }
        }

        return count;
    }

    private static SortedSetValue Union(AlgebraSource[] sources, Aggregate aggregate, ListpackLimits limits)
    {
        var scores = new Dictionary<byte[], double>(KeyComparer.Instance);
        foreach (var source in sources)
        {
            foreach (var (member, score) in source.Members())
            {
                var weighted = Weighted(score, source.Weight);
                scores[member] = scores.TryGetValue(member, out var current) ? Aggregated(current, weighted, aggregate) : weighted;
            }
        }

        var result = new SortedSetValue();
        foreach (var (member, score) in scores)
        {
            result.Set(member, score, limits, out _);
        }

        return result;
    }

    private static SortedSetValue Inter(AlgebraSource[] sources, Aggregate aggregate, ListpackLimits limits)
    {
        var result = new SortedSetValue();
        foreach (var (member, score) in sources[0].Members())
        {
            var total = Weighted(score, sources[0].Weight);
            var everywhere = true;
            for (var j = 1; j < sources.Length && everywhere; j++)
            {
                everywhere = sources[j].TryGetScore(member, out var other);
                total = everywhere ? Aggregated(total, other * sources[j].Weight, aggregate) : total;
            }

            if (everywhere)
            {
                result.Set(member, total, limits, out _);
            }
        }

        return result;
    }

    private static SortedSetValue Diff(AlgebraSource[] sources, ListpackLimits limits)
    {
        var result = new SortedSetValue();
        foreach (var (member, score) in sources[0].Members())
        {
            if (!sources.Skip(1).Any(source => source.TryGetScore(member, out _)))
            {
                result.Set(member, score, limits, out _);
            }
        }

        return result;
    }

    private static double Weighted(double score, double weight) => score * weight is var weighted && double.IsNaN(weighted) ? 0 : weighted;

    private static double Aggregated(double current, double value, Aggregate aggregate) => aggregate switch
    {
        Aggregate.Sum => current + value is var sum && double.IsNaN(sum) ? 0 : sum,
        Aggregate.Min => value < current ? value : current,
        _ => value > current ? value : current,
    };

    // qsort by cardinality in Redis; a stable sort here, so equal sizes keep the order given.
    private static AlgebraSource[] BySize(AlgebraSource[] sources) => [.. sources.OrderBy(source => source.Count)];
}
