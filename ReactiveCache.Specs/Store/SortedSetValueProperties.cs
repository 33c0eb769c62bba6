using System.Text;
using CsCheck;
using NUnit.Framework;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// A sorted set changed in place answers every rank, range and count as a plain list does after the same edits, kept
/// sorted by score and then by ordinal member: the skip list's spans, back links and bound walks never drift.
/// </summary>
public sealed class SortedSetValueProperties
{
    // Few members and few scores, so ties (ordered by member) and moves between scores are common.
    private static readonly Gen<(bool Add, int Member, double Score)> s_edits =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 40], Gen.Int[-6, 6], (add, member, score) => (add > 0, member, Score(score)));

    private static readonly Gen<(int Start, int Stop, bool Reverse)> s_ranks =
        Gen.Select(Gen.Int[-45, 45], Gen.Int[-45, 45], Gen.Bool, (start, stop, reverse) => (start, stop, reverse));

    private static readonly Gen<(ScoreRange Range, bool Reverse, int Offset, int Limit)> s_scores =
        Gen.Select(Gen.Int[-6, 6], Gen.Bool, Gen.Int[-6, 6], Gen.Bool, Gen.Select(Gen.Bool, Gen.Int[-1, 45], Gen.Int[-1, 10], (reverse, offset, limit) => (reverse, offset, limit)),
            (min, minExclusive, max, maxExclusive, rest) => (new ScoreRange(Score(min), minExclusive, Score(max), maxExclusive), rest.reverse, rest.offset, rest.limit));

    private static readonly Gen<(LexRange Range, bool Reverse, int Offset, int Limit)> s_lex =
        Gen.Select(Gen.Int[-1, 41], Gen.Bool, Gen.Int[-1, 41], Gen.Bool, Gen.Select(Gen.Bool, Gen.Int[-1, 45], Gen.Int[-1, 10], (reverse, offset, limit) => (reverse, offset, limit)),
            (min, minExclusive, max, maxExclusive, rest) => (new LexRange(Bound(min, minExclusive), Bound(max, maxExclusive)), rest.reverse, rest.offset, rest.limit));

    [Test]
    public void Ranks_rank_ranges_score_ranges_and_counts_match_a_sorted_list() =>
        Gen.Select(s_edits.Array[1, 400], s_ranks.Array[1, 20], s_scores.Array[1, 20], (edits, ranks, scores) => (edits, ranks, scores)).Sample(sample =>
        {
            var (sortedSet, model) = Build(sample.edits, sameScore: false);

            AssertOrderAndRanks(sortedSet, model);
            foreach (var (start, stop, reverse) in sample.ranks)
            {
                var (first, last) = SortedSetRanges.ClampRanks(start, stop, model.Count);
                var expected = Ranked(model, reverse).Skip((int)first).Take((int)(last - first + 1)).ToList();
                Assert.That(Text(sortedSet.TakeRanks(start, stop, reverse)), Is.EqualTo(expected), $"ranks {start}..{stop} reverse {reverse}");
            }

            foreach (var (range, reverse, offset, limit) in sample.scores)
            {
                var inside = model.Where(pair => range.Contains(pair.Score)).ToList();
                Assert.That(sortedSet.CountIn(range), Is.EqualTo(inside.Count), $"count {range}");
                Assert.That(Text(sortedSet.TakeIn(range, reverse, offset, limit)), Is.EqualTo(Window(inside, reverse, offset, limit)), $"{range} reverse {reverse} limit {offset} {limit}");
            }
        }, iter: 200);

    [Test]
    public void Lex_ranges_and_counts_of_members_with_one_score_match_a_sorted_list() =>
        Gen.Select(s_edits.Array[1, 300], s_lex.Array[1, 30], (edits, ranges) => (edits, ranges)).Sample(sample =>
        {
            var (sortedSet, model) = Build(sample.edits, sameScore: true);

            AssertOrderAndRanks(sortedSet, model);
            foreach (var (range, reverse, offset, limit) in sample.ranges)
            {
                var inside = model.Where(pair => range.Contains(Encoding.ASCII.GetBytes(pair.Member))).ToList();
                Assert.That(sortedSet.CountIn(range), Is.EqualTo(inside.Count), $"lex count {range}");
                Assert.That(Text(sortedSet.TakeIn(range, reverse, offset, limit)), Is.EqualTo(Window(inside, reverse, offset, limit)), $"lex {range} reverse {reverse} limit {offset} {limit}");
            }
        }, iter: 200);

    // Small limits, so the listpack-to-skiplist switch happens partway through some runs.
    private static (SortedSetValue SortedSet, List<(string Member, double Score)> Model) Build((bool Add, int Member, double Score)[] edits, bool sameScore)
    {
        var sortedSet = new SortedSetValue();
        var model = new Dictionary<string, double>(StringComparer.Ordinal);
        var limits = new ListpackLimits(16, 64);
        foreach (var (add, number, given) in edits)
        {
            var member = "m" + number.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
            var score = sameScore ? 0 : given;
            if (add)
            {
                sortedSet.Set(Encoding.ASCII.GetBytes(member), score, limits, out var added);
                Assert.That(added, Is.EqualTo(model.TryAdd(member, score)));
                model[member] = score;
            }
            else
            {
                Assert.That(sortedSet.Remove(Encoding.ASCII.GetBytes(member), out _, out _), Is.EqualTo(model.Remove(member)));
            }
        }

        var sorted = model.Select(pair => (pair.Key, pair.Value)).OrderBy(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        return (sortedSet, sorted);
    }

    private static void AssertOrderAndRanks(SortedSetValue sortedSet, List<(string Member, double Score)> model)
    {
        Assert.That(Text(sortedSet.ToArray()), Is.EqualTo(model), "forward links");
        var backwards = new List<(string, double)>();
        for (var node = sortedSet.Last; node is not null; node = node.Previous)
        {
            backwards.Add((Encoding.ASCII.GetString(node.Member), node.Score));
        }

        Assert.That(backwards, Is.EqualTo(Enumerable.Reverse(model)), "back links");
        for (var rank = 0; rank < model.Count; rank++)
        {
            Assert.That(sortedSet.RankOf(Encoding.ASCII.GetBytes(model[rank].Member)), Is.EqualTo(rank), model[rank].Member);
            Assert.That(Encoding.ASCII.GetString(sortedSet.AtRank(rank)!.Member), Is.EqualTo(model[rank].Member), $"at rank {rank}");
        }

        Assert.That(sortedSet.AtRank(model.Count), Is.Null);
        Assert.That(sortedSet.RankOf("absent"u8), Is.EqualTo(-1));
    }

    // What LIMIT offset count takes of the members in range, walked in the query's direction.
    private static List<(string Member, double Score)> Window(List<(string Member, double Score)> inside, bool reverse, int offset, int limit)
    {
        if (offset < 0)
        {
            return [];
        }

        var walked = Ranked(inside, reverse).Skip(offset);
        return (limit < 0 ? walked : walked.Take(limit)).ToList();
    }

    private static IEnumerable<(string Member, double Score)> Ranked(List<(string Member, double Score)> model, bool reverse) =>
        reverse ? Enumerable.Reverse(model) : model;

    private static List<(string Member, double Score)> Text(IEnumerable<ScoredMember> members) =>
        members.Select(scored => (Encoding.ASCII.GetString(scored.Member), scored.Score)).ToList();

    private static double Score(int step) => step switch
    {
        -6 => double.NegativeInfinity,
        6 => double.PositiveInfinity,
        _ => step / 2.0,
    };

    // -1 and 41 are "-" and "+"; the rest name members, present or not ("m00".."m40").
    private static LexBound Bound(int number, bool exclusive) => number switch
    {
        -1 => LexBound.Least,
        41 => LexBound.Greatest,
        _ => new LexBound(LexBoundKind.Member, Encoding.ASCII.GetBytes("m" + number.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)), exclusive),
    };
}
