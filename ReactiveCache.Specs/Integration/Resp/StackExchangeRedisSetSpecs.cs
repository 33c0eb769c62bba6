using NUnit.Framework;
using ReactiveCache.Specs.Support;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>
/// StackExchange.Redis's set API, over both protocols (RESP3 answers SMEMBERS, SINTER, SUNION, SDIFF and SPOP with a
/// count as sets, RESP2 as arrays). Checked against redis-server 7.0.15 with REACTIVECACHE_SPECS_REDIS
/// (see <see cref="RedisTarget"/>).
/// </summary>
[Category("Integration")]
[TestFixture(RedisProtocol.Resp3)]
[TestFixture(RedisProtocol.Resp2)]
public sealed class StackExchangeRedisSetSpecs(RedisProtocol protocol) : StackExchangeRedisFixture(protocol)
{
    [Test]
    public async Task Adds_members_and_reads_them_back()
    {
        Assert.That(await Db.SetAddAsync("tags", ["a", "b", "a", new byte[] { 0, 13, 10, 255 }]), Is.EqualTo(3));
        Assert.That(await Db.SetAddAsync("tags", "a"), Is.False);

        Assert.That((await Db.SetMembersAsync("tags")).Select(member => (string?)member), Is.EquivalentTo(new[] { "a", "b", "\0\r\n\uFFFD" }));
        Assert.That(await Db.SetContainsAsync("tags", "b"), Is.True);
        Assert.That(await Db.SetContainsAsync("tags", ["b", "zz"]), Is.EqualTo(new[] { true, false }));
        Assert.That(await Db.SetLengthAsync("tags"), Is.EqualTo(3));
        Assert.That(await Db.KeyTypeAsync("tags"), Is.EqualTo(RedisType.Set));
        Assert.That(await Db.SetMembersAsync("missing"), Is.Empty);
    }

    [Test]
    public async Task Removes_moves_and_pops_members()
    {
        await Db.SetAddAsync("s", ["a", "b", "c", "d"]);

        Assert.That(await Db.SetRemoveAsync("s", ["a", "zz"]), Is.EqualTo(1));
        Assert.That(await Db.SetMoveAsync("s", "t", "b"), Is.True);
        Assert.That(await Db.SetMoveAsync("s", "t", "b"), Is.False);
        var popped = await Db.SetPopAsync("s", 5);
        Assert.That(popped.Select(member => (string?)member), Is.EquivalentTo(new[] { "c", "d" }));
        Assert.That(await Db.KeyExistsAsync("s"), Is.False, "an emptied set is gone");
        Assert.That((string?)await Db.SetPopAsync("t"), Is.EqualTo("b"));
        Assert.That((string?)await Db.SetPopAsync("t"), Is.Null);
    }

    [Test]
    public async Task Draws_random_members_without_removing_them()
    {
        await Db.SetAddAsync("s", ["a", "b", "c"]);

        Assert.That(new[] { "a", "b", "c" }, Does.Contain((string?)await Db.SetRandomMemberAsync("s")));
        Assert.That((await Db.SetRandomMembersAsync("s", 2)).Distinct().Count(), Is.EqualTo(2));
        Assert.That(await Db.SetRandomMembersAsync("s", -20), Has.Length.EqualTo(20));
        Assert.That(await Db.SetLengthAsync("s"), Is.EqualTo(3));
    }

    [Test]
    public async Task Combines_sets_and_stores_the_result()
    {
        await Db.SetAddAsync("a", ["1", "2", "3", "x"]);
        await Db.SetAddAsync("b", ["2", "3", "4"]);

        Assert.That((await Db.SetCombineAsync(SetOperation.Intersect, "a", "b")).Select(member => (string?)member), Is.EquivalentTo(new[] { "2", "3" }));
        Assert.That((await Db.SetCombineAsync(SetOperation.Union, "a", "b")).Select(member => (string?)member), Is.EquivalentTo(new[] { "1", "2", "3", "4", "x" }));
        Assert.That((await Db.SetCombineAsync(SetOperation.Difference, "a", "b")).Select(member => (string?)member), Is.EquivalentTo(new[] { "1", "x" }));
        Assert.That(await Db.SetCombineAndStoreAsync(SetOperation.Intersect, "both", "a", "b"), Is.EqualTo(2));
        Assert.That(await Db.SetIntersectionLengthAsync(["a", "b"], limit: 1), Is.EqualTo(1));
        Assert.That(await Db.SetCombineAndStoreAsync(SetOperation.Intersect, "both", "a", "missing"), Is.Zero);
        Assert.That(await Db.KeyExistsAsync("both"), Is.False, "an empty result deletes the destination");
    }

    [Test]
    public async Task Scans_a_big_set_in_pages_and_answers_SMEMBERS_of_it_whole()
    {
        var members = Enumerable.Range(0, 5000).Select(i => (RedisValue)$"m{i}").ToArray();
        await Db.SetAddAsync("big", members);

        var scanned = new List<string>();
        await foreach (var member in Db.SetScanAsync("big", pageSize: 200))
        {
            scanned.Add(member!);
        }

        Assert.That(scanned, Is.EquivalentTo(members.Select(member => (string)member!)));
        Assert.That(await Db.SetMembersAsync("big"), Has.Length.EqualTo(5000), "built off the socket's thread");
        Assert.That((await Db.SetCombineAsync(SetOperation.Union, "big", "missing")).Length, Is.EqualTo(5000));
        Assert.That(await Db.PingAsync(), Is.GreaterThanOrEqualTo(TimeSpan.Zero), "the connection goes on after a late reply");
    }

    [Test]
    public async Task Answers_WRONGTYPE_for_a_string()
    {
        await Db.StringSetAsync("text", "v");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => Db.SetAddAsync("text", "a"));
        Assert.That(error!.Message, Is.EqualTo(WrongType));
        error = await Assert.ThrowsAsync<RedisServerException>(() => Db.SetCombineAsync(SetOperation.Union, "missing", "text"));
        Assert.That(error!.Message, Is.EqualTo(WrongType));
    }
}
