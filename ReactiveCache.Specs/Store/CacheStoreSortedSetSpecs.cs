using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// The in-process sorted-set API: ZADD, ZINCRBY, ZREM, ZSCORE, ZRANK, ZRANGE, ZCARD, ZCOUNT and ZPOPMIN/MAX as typed
/// calls, each one change with its element edits, under the same WRONGTYPE rule and order as the Redis commands.
/// </summary>
public sealed class CacheStoreSortedSetSpecs : ReactiveTest
{
    [Test]
    public void Reads_members_back_ordered_by_score_then_member()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());

        var added = store.AddScored("board", ("carol", 3), ("bob", 2), ("alice", 2), ("dave", double.NegativeInfinity));

        Assert.That(added, Is.EqualTo(4));
        Assert.That(store.RangeByRank("board"), Is.EqualTo(new[] { ("dave", double.NegativeInfinity), ("alice", 2.0), ("bob", 2.0), ("carol", 3.0) }));
        Assert.That(store.SortedSetCount("board"), Is.EqualTo(4));
        Assert.That(store.Score("board", "bob"), Is.EqualTo(2));
        Assert.That(store.Score("board", "nobody"), Is.Null);
        Assert.That(store.Score("missing", "bob"), Is.Null);
    }

    [Test]
    public void Counts_only_new_members_and_moves_an_existing_member_to_its_new_score()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        store.AddScored("board", ("a", 1), ("b", 2));

        var added = store.AddScored("board", ("a", 5), ("c", 3));
        var again = store.AddScored("board", "c", 4);

        Assert.That(added, Is.EqualTo(1));
        Assert.That(again, Is.False);
        Assert.That(store.RangeByRank("board").Select(pair => pair.Member), Is.EqualTo(new[] { "b", "c", "a" }));
    }

    [Test]
    public void Publishes_one_change_per_call_carrying_its_element_edits()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        var changes = new List<string>();
        using var subscription = store.Changes.Subscribe(change => changes.Add($"{change.Kind} {change.Reason} {change.KeyText} [{string.Join(" ", change.Elements ?? [])}]"));

        store.AddScored("z", ("a", 1), ("b", 2), ("c", 3));
        store.AddScored("z", ("a", 1), ("b", 20));
        store.IncrementScore("z", "c", 0.5);
        store.RemoveScored("z", "b", "nobody");
        store.RemoveScored("z", "nobody");
        store.PopMax("z", 5);

        Assert.That(changes, Is.EqualTo(new[]
        {
            "Added SortedSetAdd z [+a:1 +b:2 +c:3]",
            "Updated SortedSetAdd z [+b:20]",
            "Updated SortedSetIncrement z [+c:3.5]",
            "Updated SortedSetRemove z [-b]",
            "Removed SortedSetPopMax z [-c -a]",
        }));
        Assert.That(store.SortedSetCount("z"), Is.Zero);
    }

    [Test]
    public void Increments_a_score_from_zero_and_refuses_one_that_would_become_nan()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());

        var first = store.IncrementScore("z", "m", 2.5);
        var second = store.IncrementScore("z", "m", -1);
        store.IncrementScore("z", "inf", double.PositiveInfinity);

        Assert.That(first, Is.EqualTo(2.5));
        Assert.That(second, Is.EqualTo(1.5));
        Assert.That(() => store.IncrementScore("z", "inf", double.NegativeInfinity), Throws.ArgumentException);
        Assert.That(store.Score("z", "inf"), Is.EqualTo(double.PositiveInfinity));
        Assert.That(() => store.AddScored("z", "m", double.NaN), Throws.ArgumentException);
        Assert.That(store.Score("z", "m"), Is.EqualTo(1.5));
    }

    [Test]
    public void Ranks_from_either_end_and_answers_null_for_a_member_not_there()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        store.AddScored("z", ("a", 1), ("b", 2), ("c", 3));

        Assert.That(store.Rank("z", "a"), Is.EqualTo(0));
        Assert.That(store.Rank("z", "c"), Is.EqualTo(2));
        Assert.That(store.Rank("z", "a", descending: true), Is.EqualTo(2));
        Assert.That(store.Rank("z", "nobody"), Is.Null);
        Assert.That(store.Rank("missing", "a"), Is.Null);
    }

    [Test]
    public void Ranges_by_rank_counting_negative_indexes_from_the_end_as_zrange_does()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        store.AddScored("z", ("a", 1), ("b", 2), ("c", 3), ("d", 4));

        Assert.That(Members(store.RangeByRank("z", 1, 2)), Is.EqualTo(new[] { "b", "c" }));
        Assert.That(Members(store.RangeByRank("z", -2, -1)), Is.EqualTo(new[] { "c", "d" }));
        Assert.That(Members(store.RangeByRank("z", 0, 1, descending: true)), Is.EqualTo(new[] { "d", "c" }));
        Assert.That(Members(store.RangeByRank("z", -100, 100)), Is.EqualTo(new[] { "a", "b", "c", "d" }));
        Assert.That(store.RangeByRank("z", 3, 1), Is.Empty);
        Assert.That(store.RangeByRank("missing"), Is.Empty);
    }

    [Test]
    public void Ranges_by_score_inclusively_from_either_end_with_an_offset_and_a_count()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        store.AddScored("z", ("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5));

        Assert.That(store.RangeByScore("z", 2, 4), Is.EqualTo(new[] { ("b", 2.0), ("c", 3.0), ("d", 4.0) }));
        Assert.That(Members(store.RangeByScore("z", 2, 4, descending: true)), Is.EqualTo(new[] { "d", "c", "b" }));
        Assert.That(Members(store.RangeByScore("z", double.NegativeInfinity, double.PositiveInfinity, offset: 1, count: 2)), Is.EqualTo(new[] { "b", "c" }));
        Assert.That(store.RangeByScore("z", 4, 2), Is.Empty);
        Assert.That(store.SortedSetCount("z", 2, 4), Is.EqualTo(3));
        Assert.That(store.SortedSetCount("z", 6, double.PositiveInfinity), Is.Zero);
        Assert.That(store.SortedSetCount("missing", 0, 1), Is.Zero);
    }

    [Test]
    public void Pops_the_lowest_or_the_highest_and_the_key_goes_with_its_last_member()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        store.AddScored("z", ("a", 1), ("b", 2), ("c", 3), ("d", 4));

        var lowest = store.PopMin("z");
        var highest = store.PopMax("z", 2);
        var rest = store.PopMin("z", 10);

        Assert.That(lowest, Is.EqualTo(new[] { ("a", 1.0) }));
        Assert.That(highest, Is.EqualTo(new[] { ("d", 4.0), ("c", 3.0) }));
        Assert.That(rest, Is.EqualTo(new[] { ("b", 2.0) }));
        Assert.That(store.TypeOf("z"), Is.Null);
        Assert.That(store.PopMin("z"), Is.Empty);
    }

    [Test]
    public void Refuses_a_key_holding_another_type_and_changes_nothing()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        store.Set("text", "hello");
        store.AddMembers("set", "a");
        var changes = new List<CacheChange>();
        using var subscription = store.Changes.Subscribe(changes.Add);

        Assert.That(() => store.AddScored("text", "m", 1), Throws.TypeOf<WrongTypeException>());
        Assert.That(() => store.IncrementScore("set", "m", 1), Throws.TypeOf<WrongTypeException>());
        Assert.That(() => store.RemoveScored("text", "m"), Throws.TypeOf<WrongTypeException>());
        Assert.That(() => store.Score("text", "m"), Throws.TypeOf<WrongTypeException>());
        Assert.That(() => store.Rank("text", "m"), Throws.TypeOf<WrongTypeException>());
        Assert.That(() => store.RangeByRank("set"), Throws.TypeOf<WrongTypeException>());
        Assert.That(() => store.RangeByScore("text", 0, 1), Throws.TypeOf<WrongTypeException>());
        Assert.That(() => store.SortedSetCount("text"), Throws.TypeOf<WrongTypeException>());
        Assert.That(() => store.PopMin("set"), Throws.TypeOf<WrongTypeException>());
        Assert.That(() => store.PopMax("text"), Throws.TypeOf<WrongTypeException>());

        Assert.That(changes, Is.Empty);
        Assert.That(store.Members("set"), Is.EquivalentTo(new[] { "a" }));
        Assert.That(store.Get("text"), Is.EqualTo("hello"));
    }

    [Test]
    public void Reads_what_redis_zadd_wrote_and_redis_reads_what_it_wrote()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("ZADD", "z", "1.5", "a", "2", "b");

        redis.Store.AddScored("z", ("c", 0.25), ("a", 3));

        Assert.That(redis.Store.RangeByRank("z"), Is.EqualTo(new[] { ("c", 0.25), ("b", 2.0), ("a", 3.0) }));
        Assert.That(client.Send("ZRANGE", "z", "0", "-1", "WITHSCORES"), Is.EqualTo("*6\r\n$1\r\nc\r\n$4\r\n0.25\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n3\r\n"));
        Assert.That(client.Send("OBJECT", "ENCODING", "z"), Is.EqualTo("$8\r\nlistpack\r\n"));
    }

    private static string[] Members(IEnumerable<(string Member, double Score)> pairs) => pairs.Select(pair => pair.Member).ToArray();
}
