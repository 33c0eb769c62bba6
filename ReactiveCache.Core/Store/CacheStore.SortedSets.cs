using System.Text;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache;

// The in-process face of sorted sets: the same operations, changes and WRONGTYPE rule as Redis's ZADD, ZINCRBY,
// ZREM, ZRANGE, ZPOPMIN. Members are UTF-8 text, ordered by score, then by their UTF-8 bytes; sorted sets made here
// follow Redis's default zset-max-listpack-entries and -value (128, 64) for OBJECT ENCODING.
public sealed partial class CacheStore
{
    /// <summary>Adds a member with a score, or gives a member a new score, as one change. Returns whether the member is new.</summary>
    /// <exception cref="ArgumentException">The score is NaN.</exception>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public bool AddScored(string key, string member, double score) => AddScored(key, [(member, score)]) == 1;

    /// <summary>
    /// Adds members with their scores, or gives members already there a new score, creating the sorted set if absent,
    /// as one change (ZADD). Returns how many members were new.
    /// </summary>
    /// <exception cref="ArgumentException">No member was given, or a score is NaN.</exception>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public int AddScored(string key, params (string Member, double Score)[] members)
    {
        if (members.Length == 0)
        {
            throw new ArgumentException("ZADD needs at least one member.", nameof(members));
        }

        if (members.Any(pair => double.IsNaN(pair.Score)))
        {
            throw new ArgumentException("A score cannot be NaN.", nameof(members));
        }

        var scored = members.Select(pair => new ScoredMember(Encoding.UTF8.GetBytes(pair.Member), pair.Score)).ToArray();
        return Write((Key: Encoding.UTF8.GetBytes(key), Members: scored), static (writer, state) =>
            writer.AddScored(state.Key, state.Members, ScoreRules.None, ListpackLimits.SortedSetDefaults).Added);
    }

    /// <summary>
    /// Adds <paramref name="increment"/> to a member's score (a new member starts at 0), as one change (ZINCRBY).
    /// Returns the score after.
    /// </summary>
    /// <exception cref="ArgumentException">The score would become NaN (+inf plus -inf); nothing changes.</exception>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public double IncrementScore(string key, string member, double increment)
    {
        var outcome = Write((Key: Encoding.UTF8.GetBytes(key), Member: new ScoredMember(Encoding.UTF8.GetBytes(member), increment)), static (writer, state) =>
            writer.AddScored(state.Key, [state.Member], ScoreRules.Increment, ListpackLimits.SortedSetDefaults));
        return outcome.NotANumber
            ? throw new ArgumentException("The resulting score is not a number (NaN).", nameof(increment))
            : outcome.Score;
    }

    /// <summary>Removes members (the sorted set goes when its last member does), as one change. Returns how many were there.</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public int RemoveScored(string key, params string[] members) =>
        Write((Key: Encoding.UTF8.GetBytes(key), Members: Utf8(members)), static (writer, state) =>
            writer.RemoveScored(state.Key, state.Members));

    /// <summary>A member's score, or <c>null</c> when the sorted set or the member does not exist (ZSCORE).</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public double? Score(string key, string member) =>
        Write((Key: Encoding.UTF8.GetBytes(key), Member: Encoding.UTF8.GetBytes(member)), static (writer, state) =>
            writer.TryGetSortedSet(state.Key, out _, out var sortedSet) && sortedSet.TryGetScore(state.Member, out var score) ? score : (double?)null);

    /// <summary>
    /// A member's 0-based rank from the lowest score (from the highest when <paramref name="descending"/>), or
    /// <c>null</c> when the sorted set or the member does not exist (ZRANK, ZREVRANK).
    /// </summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public long? Rank(string key, string member, bool descending = false) =>
        Write((Key: Encoding.UTF8.GetBytes(key), Member: Encoding.UTF8.GetBytes(member), Descending: descending), static (writer, state) =>
        {
            var rank = writer.TryGetSortedSet(state.Key, out _, out var sortedSet) ? sortedSet.RankOf(state.Member) : -1;
            return rank < 0 ? (long?)null : state.Descending ? sortedSet.Count - 1 - rank : rank;
        });

    /// <summary>
    /// The members and scores from rank <paramref name="start"/> to <paramref name="stop"/> inclusive, counted as
    /// ZRANGE counts (-1 is the last) from the lowest score, or from the highest when <paramref name="descending"/>.
    /// </summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public IReadOnlyList<(string Member, double Score)> RangeByRank(string key, long start = 0, long stop = -1, bool descending = false) =>
        Scored(Write((Key: Encoding.UTF8.GetBytes(key), Start: start, Stop: stop, Descending: descending), static (writer, state) =>
            writer.TryGetSortedSet(state.Key, out _, out var sortedSet) ? sortedSet.TakeRanks(state.Start, state.Stop, state.Descending) : []));

    /// <summary>
    /// The members whose scores lie between <paramref name="min"/> and <paramref name="max"/> inclusive (infinities
    /// allowed), lowest first or highest first when <paramref name="descending"/>, skipping <paramref name="offset"/>
    /// and taking at most <paramref name="count"/> (-1: all), as ZRANGE BYSCORE ... LIMIT does.
    /// </summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public IReadOnlyList<(string Member, double Score)> RangeByScore(string key, double min, double max, bool descending = false, long offset = 0, long count = -1) =>
        Scored(Write((Key: Encoding.UTF8.GetBytes(key), Range: new ScoreRange(min, false, max, false), Descending: descending, Offset: offset, Count: count), static (writer, state) =>
            writer.TryGetSortedSet(state.Key, out _, out var sortedSet) ? sortedSet.TakeIn(state.Range, state.Descending, state.Offset, state.Count) : []));

    /// <summary>How many members the sorted set holds (0 when there is none; ZCARD).</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public int SortedSetCount(string key) =>
        Write(Encoding.UTF8.GetBytes(key), static (writer, key) => writer.TryGetSortedSet(key, out _, out var sortedSet) ? sortedSet.Count : 0);

    /// <summary>How many members have a score between <paramref name="min"/> and <paramref name="max"/> inclusive (ZCOUNT).</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public int SortedSetCount(string key, double min, double max) =>
        Write((Key: Encoding.UTF8.GetBytes(key), Range: new ScoreRange(min, false, max, false)), static (writer, state) =>
            writer.TryGetSortedSet(state.Key, out _, out var sortedSet) ? sortedSet.CountIn(state.Range) : 0);

    /// <summary>Removes and returns up to <paramref name="count"/> members with the lowest scores, lowest first, as one change (ZPOPMIN).</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public IReadOnlyList<(string Member, double Score)> PopMin(string key, int count = 1) => PopExtremes(key, highest: false, count);

    /// <summary>Removes and returns up to <paramref name="count"/> members with the highest scores, highest first, as one change (ZPOPMAX).</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public IReadOnlyList<(string Member, double Score)> PopMax(string key, int count = 1) => PopExtremes(key, highest: true, count);

    private IReadOnlyList<(string Member, double Score)> PopExtremes(string key, bool highest, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Scored(Write((Key: Encoding.UTF8.GetBytes(key), Highest: highest, Count: count), static (writer, state) =>
            writer.PopExtremes(state.Key, state.Highest, state.Count) ?? []));
    }

    private static (string Member, double Score)[] Scored(ScoredMember[] members) =>
        members.Select(scored => (Encoding.UTF8.GetString(scored.Member), scored.Score)).ToArray();
}
