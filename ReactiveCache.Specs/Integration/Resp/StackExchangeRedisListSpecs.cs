using NUnit.Framework;
using ReactiveCache.Specs.Support;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>
/// StackExchange.Redis's list API over both protocols, and a work queue between two multiplexers (the pattern its
/// docs suggest instead of blocking pops, which a shared multiplexer cannot send). Checked against redis-server
/// 7.0.15 with REACTIVECACHE_SPECS_REDIS (see <see cref="RedisTarget"/>).
/// </summary>
[Category("Integration")]
[TestFixture(RedisProtocol.Resp3)]
[TestFixture(RedisProtocol.Resp2)]
public sealed class StackExchangeRedisListSpecs(RedisProtocol protocol) : StackExchangeRedisFixture(protocol)
{
    private static string?[] Text(RedisValue[] values) => [.. values.Select(value => (string?)value)];

    [Test]
    public async Task Pushes_at_both_ends_and_reads_ranges_back()
    {
        Assert.That(await Db.ListRightPushAsync("l", ["b", "c"]), Is.EqualTo(2));
        Assert.That(await Db.ListLeftPushAsync("l", ["a", "z"]), Is.EqualTo(4), "LPUSH a z puts z first");
        Assert.That(await Db.ListRightPushAsync("l", new byte[] { 0, 13, 10, 255 }), Is.EqualTo(5));
        Assert.That(await Db.ListLeftPushAsync("missing", "x", When.Exists), Is.Zero);

        Assert.That(Text(await Db.ListRangeAsync("l")), Is.EqualTo(new[] { "z", "a", "b", "c", "\0\r\n\uFFFD" }));
        Assert.That(Text(await Db.ListRangeAsync("l", 1, -2)), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(await Db.ListRangeAsync("l", 9, 20), Is.Empty);
        Assert.That(await Db.ListLengthAsync("l"), Is.EqualTo(5));
        Assert.That(await Db.KeyTypeAsync("l"), Is.EqualTo(RedisType.List));
        Assert.That(await Db.KeyExistsAsync("missing"), Is.False);
    }

    [Test]
    public async Task Pops_one_or_a_count_from_either_end_and_from_the_first_of_several_lists()
    {
        await Db.ListRightPushAsync("l", ["a", "b", "c", "d", "e"]);

        Assert.That((string?)await Db.ListLeftPopAsync("l"), Is.EqualTo("a"));
        Assert.That(Text(await Db.ListRightPopAsync("l", 2)), Is.EqualTo(new[] { "e", "d" }));
        Assert.That(Text(await Db.ListLeftPopAsync("l", 10)), Is.EqualTo(new[] { "b", "c" }));
        Assert.That(await Db.KeyExistsAsync("l"), Is.False, "an emptied list is gone");
        Assert.That((string?)await Db.ListLeftPopAsync("l"), Is.Null);
        Assert.That(await Db.ListLeftPopAsync("l", 3), Is.Empty, "the null array of a count on a missing key, as SE.Redis reads it");

        await Db.ListRightPushAsync("second", ["1", "2", "3"]);
        var popped = await Db.ListRightPopAsync(["first", "second"], 2);
        Assert.That((string?)popped.Key, Is.EqualTo("second"));
        Assert.That(Text(popped.Values), Is.EqualTo(new[] { "3", "2" }));
        Assert.That((await Db.ListLeftPopAsync(["first", "nothing"], 1)).IsNull, Is.True);
    }

    [Test]
    public async Task Moves_an_element_between_lists_and_turns_a_list_moved_into_itself()
    {
        await Db.ListRightPushAsync("src", ["a", "b", "c"]);

        Assert.That((string?)await Db.ListMoveAsync("src", "dst", ListSide.Left, ListSide.Right), Is.EqualTo("a"));
        Assert.That((string?)await Db.ListRightPopLeftPushAsync("src", "dst"), Is.EqualTo("c"));
        Assert.That((string?)await Db.ListMoveAsync("src", "src", ListSide.Left, ListSide.Right), Is.EqualTo("b"));
        Assert.That((string?)await Db.ListMoveAsync("missing", "dst", ListSide.Left, ListSide.Left), Is.Null);

        Assert.That(Text(await Db.ListRangeAsync("dst")), Is.EqualTo(new[] { "c", "a" }));
        Assert.That(Text(await Db.ListRangeAsync("src")), Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public async Task Finds_positions_by_rank_count_and_max_length()
    {
        await Db.ListRightPushAsync("l", ["a", "b", "c", "1", "2", "3", "c", "c"]);

        Assert.That(await Db.ListPositionAsync("l", "c"), Is.EqualTo(2));
        Assert.That(await Db.ListPositionAsync("l", "c", rank: -1), Is.EqualTo(7));
        Assert.That(await Db.ListPositionAsync("l", "c", rank: 1, maxLength: 2), Is.EqualTo(-1), "not within the first two");
        Assert.That(await Db.ListPositionAsync("l", "zz"), Is.EqualTo(-1));
        Assert.That(await Db.ListPositionsAsync("l", "c", count: 0), Is.EqualTo(new long[] { 2, 6, 7 }));
        Assert.That(await Db.ListPositionsAsync("l", "c", count: 2, rank: -1), Is.EqualTo(new long[] { 7, 6 }));
        Assert.That(await Db.ListPositionsAsync("l", "c", count: 5, rank: 2, maxLength: 7), Is.EqualTo(new long[] { 6 }));
    }

    [Test]
    public async Task Inserts_removes_trims_and_sets_by_index()
    {
        await Db.ListRightPushAsync("l", ["x", "a", "x", "b", "x", "c", "x"]);

        Assert.That(await Db.ListInsertBeforeAsync("l", "a", "before-a"), Is.EqualTo(8));
        Assert.That(await Db.ListInsertAfterAsync("l", "c", "after-c"), Is.EqualTo(9));
        Assert.That(await Db.ListInsertAfterAsync("l", "nope", "y"), Is.EqualTo(-1));
        Assert.That(await Db.ListRemoveAsync("l", "x", 1), Is.EqualTo(1));
        Assert.That(await Db.ListRemoveAsync("l", "x", -2), Is.EqualTo(2));
        Assert.That(Text(await Db.ListRangeAsync("l")), Is.EqualTo(new[] { "before-a", "a", "x", "b", "c", "after-c" }));
        Assert.That(await Db.ListRemoveAsync("l", "x"), Is.EqualTo(1), "count 0 removes them all");

        await Db.ListSetByIndexAsync("l", -1, "last");
        Assert.That((string?)await Db.ListGetByIndexAsync("l", -1), Is.EqualTo("last"));
        Assert.That((string?)await Db.ListGetByIndexAsync("l", 0), Is.EqualTo("before-a"));
        Assert.That((string?)await Db.ListGetByIndexAsync("l", 99), Is.Null);
        var error = await Assert.ThrowsAsync<RedisServerException>(() => Db.ListSetByIndexAsync("l", 99, "x"));
        Assert.That(error!.Message, Is.EqualTo("ERR index out of range"));

        await Db.ListTrimAsync("l", 1, -2);
        Assert.That(Text(await Db.ListRangeAsync("l")), Is.EqualTo(new[] { "a", "b", "c" }));
        await Db.ListTrimAsync("l", 5, 10);
        Assert.That(await Db.KeyExistsAsync("l"), Is.False, "a trim past the end removes the list");
    }

    [Test]
    public async Task A_list_is_a_work_queue_between_two_multiplexers_in_the_order_pushed()
    {
        await using var producer = await Target.ConnectAsync(Protocol);
        var jobs = Enumerable.Range(0, 300).Select(i => $"job-{i}").ToArray();

        var producing = Task.WhenAll(jobs.Select(job => producer.GetDatabase().ListRightPushAsync("queue", job)));
        var consumed = new List<string>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (consumed.Count < jobs.Length)
        {
            deadline.Token.ThrowIfCancellationRequested();
            var batch = await Db.ListLeftPopAsync("queue", 50);
            if (batch.Length == 0)
            {
                // Nothing queued yet: SE.Redis has no blocking pop, so a consumer asks again.
                await Task.Yield();
                continue;
            }

            consumed.AddRange(batch.Select(value => (string)value!));
        }

        await producing;
        Assert.That(consumed, Is.EqualTo(jobs), "one multiplexer's pushes leave in the order they were sent");
        Assert.That(await Db.ListLengthAsync("queue"), Is.Zero);
    }
}
