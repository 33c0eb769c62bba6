using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>
/// Sorted sets as redis-server 7.0.15 answers them (each expected reply taken from it): order by score then member,
/// 7.0's %.17g scores, ZADD's option rules, and BZPOPMIN's timeout on the virtual clock and its wake by a ZADD.
/// </summary>
public sealed class SortedSetCommandSpecs
{
    private RedisHarness _redis = null!;

    [SetUp]
    public void Open() => _redis = new RedisHarness();

    [TearDown]
    public void Close() => _redis.Dispose();

    [Test]
    public void Orders_by_score_then_member_and_formats_scores_as_redis_7_0()
    {
        var client = _redis.Connect();

        Assert.That(client.Send("ZADD", "z", "1", "b", "2", "c", "1", "a"), Is.EqualTo(":3\r\n"));
        Assert.That(client.Send("ZRANGE", "z", "0", "-1", "WITHSCORES"), Is.EqualTo("*6\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n1\r\n$1\r\nc\r\n$1\r\n2\r\n"));
        Assert.That(client.Send("ZINCRBY", "z", "0.1", "a"), Is.EqualTo("$18\r\n1.1000000000000001\r\n"));
        Assert.That(client.Send("ZRANK", "z", "a"), Is.EqualTo(":1\r\n"));
        Assert.That(client.Send("ZRANGEBYSCORE", "z", "(1", "+inf", "LIMIT", "1", "5"), Is.EqualTo("*1\r\n$1\r\nc\r\n"));
        Assert.That(client.Send("ZADD", "z", "NX", "XX", "1", "a"), Is.EqualTo("-ERR XX and NX options at the same time are not compatible\r\n"));
        Assert.That(client.Send("ZADD", "z", "nan", "a"), Is.EqualTo("-ERR value is not a valid float\r\n"));
        Assert.That(client.Send("OBJECT", "ENCODING", "z"), Is.EqualTo("$8\r\nlistpack\r\n"));
    }

    [Test]
    public void A_BZPOPMIN_with_nothing_to_pop_answers_null_at_its_timeout_on_the_store_clock()
    {
        var waiter = _redis.Connect();

        Assert.That(waiter.Send("BZPOPMIN", "z", "1.5"), Is.Empty, "it blocks");
        _redis.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(1499).Ticks);
        Assert.That(waiter.ReadLater(), Is.Empty);
        _redis.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(1).Ticks);
        Assert.That(waiter.ReadLater(), Is.EqualTo("*-1\r\n"));
    }

    [Test]
    public void A_ZADD_from_another_client_serves_the_blocked_BZPOPMIN_with_the_lowest_member()
    {
        var waiter = _redis.Connect();
        var writer = _redis.Connect();

        Assert.That(waiter.Send("BZPOPMIN", "z", "0"), Is.Empty);
        Assert.That(writer.Send("ZADD", "z", "3", "c", "1", "a"), Is.EqualTo(":2\r\n"));

        Assert.That(waiter.ReadLater(), Is.EqualTo("*3\r\n$1\r\nz\r\n$1\r\na\r\n$1\r\n1\r\n"));
        Assert.That(writer.Send("ZRANGE", "z", "0", "-1"), Is.EqualTo("*1\r\n$1\r\nc\r\n"));
    }

    [Test]
    public void Big_combinations_are_computed_after_the_lock_with_the_result_EXEC_computes_in_place()
    {
        var client = _redis.Connect();
        client.Send(["ZADD", "za", .. Enumerable.Range(0, 3000).SelectMany(i => new[] { $"{i}", $"a{i}" })]);
        client.Send(["ZADD", "zb", .. Enumerable.Range(1500, 3000).SelectMany(i => new[] { $"{i}", $"a{i}" })]);
        string[] union = ["ZUNION", "2", "za", "zb", "WEIGHTS", "1", "2", "WITHSCORES"];
        client.Send("MULTI");
        client.Send(union);
        client.Send("ZINTERSTORE", "inplace", "2", "za", "zb");
        var inPlace = client.Send("EXEC");
        var expectedUnion = inPlace["*2\r\n".Length..inPlace.IndexOf(":1500\r\n", StringComparison.Ordinal)];

        // 6000 members in all, past the inline work: both are combined on the thread pool.
        Assert.That(client.SendAwaiting(expectedUnion.Length, union), Is.EqualTo(expectedUnion));
        Assert.That(client.SendAwaiting(":1500\r\n".Length, "ZINTERSTORE", "dst", "2", "za", "zb"), Is.EqualTo(":1500\r\n"));
        Assert.That(client.Send("ZCARD", "dst"), Is.EqualTo(":1500\r\n"));
        Assert.That(client.Send("ZRANGE", "dst", "0", "9", "WITHSCORES"), Is.EqualTo(client.Send("ZRANGE", "inplace", "0", "9", "WITHSCORES")));
        Assert.That(client.Send("ZRANGE", "dst", "-10", "-1", "WITHSCORES"), Is.EqualTo(client.Send("ZRANGE", "inplace", "-10", "-1", "WITHSCORES")));
        Assert.That(client.Send("ZSCORE", "dst", "a2999"), Is.EqualTo("$4\r\n5998\r\n"));
    }
}
