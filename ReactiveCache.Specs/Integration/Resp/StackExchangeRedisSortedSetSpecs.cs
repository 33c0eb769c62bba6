using NUnit.Framework;
using ReactiveCache.Specs.Support;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>
/// StackExchange.Redis's sorted-set API, over both protocols (RESP3 answers scores as doubles and WITHSCORES ranges as
/// pairs, RESP2 as bulk strings in a flat array). Checked against redis-server 7.0.15 with REACTIVECACHE_SPECS_REDIS
/// (see <see cref="RedisTarget"/>).
/// </summary>
[Category("Integration")]
[TestFixture(RedisProtocol.Resp3)]
[TestFixture(RedisProtocol.Resp2)]
public sealed class StackExchangeRedisSortedSetSpecs(RedisProtocol protocol) : StackExchangeRedisFixture(protocol)
{
    [Test]
    public async Task Adds_members_and_reads_them_back_ordered_by_score_then_member()
    {
        Assert.That(await Db.SortedSetAddAsync("board", [new("carol", 3), new("bob", 2), new("alice", 2), new("tenth", 0.1)]), Is.EqualTo(4));
        Assert.That(await Db.SortedSetAddAsync("board", "bob", 2.5), Is.False, "a new score for a member already there");

        var ranked = await Db.SortedSetRangeByRankWithScoresAsync("board");
        Assert.That(ranked.Select(entry => ((string?)entry.Element, entry.Score)), Is.EqualTo(new[] { ("tenth", 0.1), ("alice", 2.0), ("bob", 2.5), ("carol", 3.0) }));
        Assert.That((await Db.SortedSetRangeByRankAsync("board", 0, 1, Order.Descending)).Select(member => (string?)member), Is.EqualTo(new[] { "carol", "bob" }));
        Assert.That(await Db.SortedSetScoreAsync("board", "tenth"), Is.EqualTo(0.1), "7.0's %.17g text reads back as the same double");
        Assert.That(await Db.SortedSetScoreAsync("board", "nobody"), Is.Null);
        Assert.That(await Db.SortedSetScoresAsync("board", ["alice", "nobody"]), Is.EqualTo(new double?[] { 2, null }));
        Assert.That(await Db.SortedSetLengthAsync("board"), Is.EqualTo(4));
        Assert.That(await Db.KeyTypeAsync("board"), Is.EqualTo(RedisType.SortedSet));
        Assert.That(await Db.SortedSetRangeByRankAsync("missing"), Is.Empty);
    }

    [Test]
    public async Task Adds_only_when_the_condition_holds()
    {
        await Db.SortedSetAddAsync("z", [new("a", 5), new("b", 5)]);

        Assert.That(await Db.SortedSetAddAsync("z", "a", 1, SortedSetWhen.NotExists), Is.False);
        Assert.That(await Db.SortedSetAddAsync("z", "c", 1, SortedSetWhen.Exists), Is.False);
        Assert.That(await Db.SortedSetUpdateAsync("z", "a", 7, SortedSetWhen.GreaterThan), Is.True, "CH counts a changed score");
        Assert.That(await Db.SortedSetUpdateAsync("z", "a", 6, SortedSetWhen.GreaterThan), Is.False);
        Assert.That(await Db.SortedSetAddAsync("z", [new("b", 9), new("d", 1)], SortedSetWhen.LessThan), Is.EqualTo(1), "LT adds new members");

        Assert.That(await Db.SortedSetScoreAsync("z", "a"), Is.EqualTo(7));
        Assert.That(await Db.SortedSetScoreAsync("z", "b"), Is.EqualTo(5));
        Assert.That(await Db.SortedSetScoreAsync("z", "c"), Is.Null);
    }

    [Test]
    public async Task Increments_ranks_and_counts()
    {
        await Db.SortedSetAddAsync("z", [new("a", 1), new("b", 2), new("c", 3)]);

        Assert.That(await Db.SortedSetIncrementAsync("z", "a", 2.5), Is.EqualTo(3.5));
        Assert.That(await Db.SortedSetDecrementAsync("z", "new", 1), Is.EqualTo(-1));
        Assert.That(await Db.SortedSetRankAsync("z", "a"), Is.EqualTo(3));
        Assert.That(await Db.SortedSetRankAsync("z", "a", Order.Descending), Is.Zero);
        Assert.That(await Db.SortedSetRankAsync("z", "nobody"), Is.Null);
        Assert.That(await Db.SortedSetLengthAsync("z", 2, 3.5, Exclude.Stop), Is.EqualTo(2));
    }

    [Test]
    public async Task Ranges_by_score_and_by_value_with_exclusions_and_paging()
    {
        await Db.SortedSetAddAsync("z", [new("a", 1), new("b", 2), new("c", 3), new("d", 4), new("e", double.PositiveInfinity)]);
        await Db.SortedSetAddAsync("lex", new[] { "a", "b", "c", "d" }.Select(member => new SortedSetEntry(member, 0)).ToArray());

        var scored = await Db.SortedSetRangeByScoreWithScoresAsync("z", 2, double.PositiveInfinity, Exclude.Start, Order.Descending);
        Assert.That(scored.Select(entry => ((string?)entry.Element, entry.Score)), Is.EqualTo(new[] { ("e", double.PositiveInfinity), ("d", 4.0), ("c", 3.0) }));
        Assert.That(Text(await Db.SortedSetRangeByScoreAsync("z", skip: 1, take: 2)), Is.EqualTo(new[] { "b", "c" }));
        Assert.That(Text(await Db.SortedSetRangeByValueAsync("lex", "b", "d", Exclude.Stop)), Is.EqualTo(new[] { "b", "c" }));
        Assert.That(Text(await Db.SortedSetRangeByValueAsync("lex", order: Order.Descending, take: 2)), Is.EqualTo(new[] { "d", "c" }));
        Assert.That(await Db.SortedSetLengthByValueAsync("lex", "b", "d", Exclude.Start), Is.EqualTo(2));
        Assert.That(await Db.SortedSetRangeAndStoreAsync("z", "top", 2, 1, SortedSetOrder.ByScore, Exclude.None, Order.Descending), Is.EqualTo(2));
        Assert.That(Text(await Db.SortedSetRangeByRankAsync("top")), Is.EqualTo(new[] { "a", "b" }), "a reversed score range names its top first");
    }

    [Test]
    public async Task Removes_members_ranges_and_pops_from_either_end()
    {
        await Db.SortedSetAddAsync("z", Enumerable.Range(1, 9).Select(i => new SortedSetEntry($"m{i}", i)).ToArray());

        Assert.That(await Db.SortedSetRemoveAsync("z", "m5"), Is.True);
        Assert.That(await Db.SortedSetRemoveAsync("z", ["m5", "m6", "zz"]), Is.EqualTo(1));
        Assert.That(await Db.SortedSetRemoveRangeByRankAsync("z", 0, 0), Is.EqualTo(1));
        Assert.That(await Db.SortedSetRemoveRangeByScoreAsync("z", 8, 9, Exclude.Start), Is.EqualTo(1));
        Assert.That(await Db.SortedSetRemoveRangeByValueAsync("z", "m2", "m2"), Is.EqualTo(1));
        var lowest = await Db.SortedSetPopAsync("z");
        var highest = await Db.SortedSetPopAsync("z", 5, Order.Descending);

        Assert.That(((string?)lowest!.Value.Element, lowest.Value.Score), Is.EqualTo(("m3", 3.0)));
        Assert.That(highest.Select(entry => (string?)entry.Element), Is.EqualTo(new[] { "m8", "m7", "m4" }));
        Assert.That(await Db.KeyExistsAsync("z"), Is.False, "an emptied sorted set is gone");
        Assert.That(await Db.SortedSetPopAsync("z"), Is.Null);
    }

    [Test]
    public async Task Pops_from_the_first_key_holding_a_sorted_set()
    {
        await Db.SortedSetAddAsync("second", [new("x", 1), new("y", 2)]);

        var popped = await Db.SortedSetPopAsync(["first", "second"], 5, Order.Descending);

        Assert.That((string?)popped.Key, Is.EqualTo("second"));
        Assert.That(popped.Entries.Select(entry => ((string?)entry.Element, entry.Score)), Is.EqualTo(new[] { ("y", 2.0), ("x", 1.0) }));
        Assert.That((await Db.SortedSetPopAsync(["first", "second"], 1)).IsNull, Is.True);
    }

    [Test]
    public async Task Combines_sorted_sets_with_weights_and_aggregates()
    {
        await Db.SortedSetAddAsync("a", [new("x", 1), new("y", 2)]);
        await Db.SortedSetAddAsync("b", [new("y", 3), new("z", 4)]);

        Assert.That(await Db.SortedSetCombineAndStoreAsync(SetOperation.Union, "u", "a", "b"), Is.EqualTo(3));
        Assert.That(Scored(await Db.SortedSetRangeByRankWithScoresAsync("u")), Is.EqualTo(new[] { ("x", 1.0), ("z", 4.0), ("y", 5.0) }));
        Assert.That(await Db.SortedSetCombineAndStoreAsync(SetOperation.Intersect, "i", ["a", "b"], [10, 1], Aggregate.Max), Is.EqualTo(1));
        Assert.That(await Db.SortedSetScoreAsync("i", "y"), Is.EqualTo(20));
        Assert.That(Scored(await Db.SortedSetCombineWithScoresAsync(SetOperation.Union, ["a", "b"], aggregate: Aggregate.Min)), Is.EqualTo(new[] { ("x", 1.0), ("y", 2.0), ("z", 4.0) }));
        Assert.That(Text(await Db.SortedSetCombineAsync(SetOperation.Difference, ["a", "b"])), Is.EqualTo(new[] { "x" }));
        Assert.That(await Db.SortedSetIntersectionLengthAsync(["a", "b"]), Is.EqualTo(1));
        Assert.That(await Db.SortedSetCombineAndStoreAsync(SetOperation.Intersect, "i", "a", "missing"), Is.Zero);
        Assert.That(await Db.KeyExistsAsync("i"), Is.False, "an empty result deletes the destination");
    }

    [Test]
    public async Task Scans_a_big_sorted_set_in_pages_and_reads_it_whole()
    {
        var entries = Enumerable.Range(0, 3000).Select(i => new SortedSetEntry($"m{i:D5}", i / 4.0)).ToArray();
        await Db.SortedSetAddAsync("big", entries);

        var scanned = new Dictionary<string, double>();
        await foreach (var entry in Db.SortedSetScanAsync("big", pageSize: 200))
        {
            scanned.Add(entry.Element!, entry.Score);
        }

        Assert.That(scanned, Is.EquivalentTo(entries.ToDictionary(entry => (string)entry.Element!, entry => entry.Score)));
        Assert.That(Scored(await Db.SortedSetRangeByRankWithScoresAsync("big")), Is.EqualTo(Scored(entries)), "built off the socket's thread");
        Assert.That(await Db.SortedSetRankAsync("big", "m02345"), Is.EqualTo(2345));
        Assert.That(await Db.PingAsync(), Is.GreaterThanOrEqualTo(TimeSpan.Zero), "the connection goes on after a late reply");
    }

    [Test]
    public async Task Answers_WRONGTYPE_for_a_string()
    {
        await Db.StringSetAsync("text", "v");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => Db.SortedSetAddAsync("text", "a", 1));
        Assert.That(error!.Message, Is.EqualTo(WrongType));
        error = await Assert.ThrowsAsync<RedisServerException>(() => Db.SortedSetCombineAsync(SetOperation.Union, ["missing", "text"]));
        Assert.That(error!.Message, Is.EqualTo(WrongType));
    }

    private static string?[] Text(RedisValue[] members) => members.Select(member => (string?)member).ToArray();

    private static (string?, double)[] Scored(SortedSetEntry[] entries) => entries.Select(entry => ((string?)entry.Element, entry.Score)).ToArray();
}
