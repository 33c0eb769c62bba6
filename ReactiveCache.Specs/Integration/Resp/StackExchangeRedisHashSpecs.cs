using NUnit.Framework;
using ReactiveCache.Specs.Support;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>
/// StackExchange.Redis's hash API, over both protocols (RESP3 answers HGETALL with a map, RESP2 with a flat array).
/// Checked against redis-server 7.0.15 with REACTIVECACHE_SPECS_REDIS (see <see cref="RedisTarget"/>).
/// </summary>
[Category("Integration")]
[TestFixture(RedisProtocol.Resp3)]
[TestFixture(RedisProtocol.Resp2)]
public sealed class StackExchangeRedisHashSpecs(RedisProtocol protocol) : StackExchangeRedisFixture(protocol)
{
    [Test]
    public async Task Sets_fields_and_reads_them_back()
    {
        await Db.HashSetAsync("user:1", [new("name", "Ada"), new("lang", "en"), new("bin", new byte[] { 0, 13, 10, 255 })]);

        Assert.That((string?)await Db.HashGetAsync("user:1", "name"), Is.EqualTo("Ada"));
        Assert.That((byte[]?)await Db.HashGetAsync("user:1", "bin"), Is.EqualTo(new byte[] { 0, 13, 10, 255 }));
        Assert.That((string?)await Db.HashGetAsync("user:1", "missing"), Is.Null);
        Assert.That((await Db.HashGetAsync("user:1", ["lang", "missing", "name"])).Select(value => (string?)value), Is.EqualTo(new[] { "en", null, "Ada" }));
        Assert.That((await Db.HashGetAllAsync("user:1")).ToStringDictionary(), Is.EquivalentTo(new Dictionary<string, string> { ["name"] = "Ada", ["lang"] = "en", ["bin"] = "\0\r\n\uFFFD" }));
        Assert.That(await Db.HashLengthAsync("user:1"), Is.EqualTo(3));
        Assert.That(await Db.HashStringLengthAsync("user:1", "name"), Is.EqualTo(3));
        Assert.That((await Db.HashKeysAsync("user:1")).Select(field => (string?)field), Is.EquivalentTo(new[] { "name", "lang", "bin" }));
        Assert.That((await Db.HashValuesAsync("user:1")).Select(value => (string?)value), Is.EquivalentTo(new[] { "Ada", "en", "\0\r\n\uFFFD" }));
        Assert.That(await Db.HashExistsAsync("user:1", "lang"), Is.True);
        Assert.That(await Db.HashExistsAsync("user:1", "missing"), Is.False);
        Assert.That(await Db.KeyTypeAsync("user:1"), Is.EqualTo(RedisType.Hash));
    }

    [Test]
    public async Task Tells_a_new_field_from_an_update_and_sets_only_if_missing_when_asked()
    {
        Assert.That(await Db.HashSetAsync("h", "f", "1"), Is.True);
        Assert.That(await Db.HashSetAsync("h", "f", "2"), Is.False);
        Assert.That(await Db.HashSetAsync("h", "f", "3", When.NotExists), Is.False);
        Assert.That(await Db.HashSetAsync("h", "g", "4", When.NotExists), Is.True);

        Assert.That((await Db.HashGetAllAsync("h")).ToStringDictionary(), Is.EquivalentTo(new Dictionary<string, string> { ["f"] = "2", ["g"] = "4" }));
    }

    [Test]
    public async Task Deletes_fields_and_the_key_with_its_last_field()
    {
        await Db.HashSetAsync("h", [new("a", "1"), new("b", "2"), new("c", "3")]);

        Assert.That(await Db.HashDeleteAsync("h", "a"), Is.True);
        Assert.That(await Db.HashDeleteAsync("h", "a"), Is.False);
        Assert.That(await Db.HashDeleteAsync("h", ["b", "missing"]), Is.EqualTo(1));
        Assert.That(await Db.KeyExistsAsync("h"), Is.True);
        Assert.That(await Db.HashDeleteAsync("h", "c"), Is.True);
        Assert.That(await Db.KeyExistsAsync("h"), Is.False);
        Assert.That(await Db.HashLengthAsync("h"), Is.Zero);
        Assert.That(await Db.HashGetAllAsync("h"), Is.Empty);
    }

    [Test]
    public async Task Increments_fields_as_integers_and_floats()
    {
        Assert.That(await Db.HashIncrementAsync("counters", "views"), Is.EqualTo(1));
        Assert.That(await Db.HashIncrementAsync("counters", "views", 41), Is.EqualTo(42));
        Assert.That(await Db.HashDecrementAsync("counters", "views", 2), Is.EqualTo(40));
        Assert.That(await Db.HashIncrementAsync("counters", "ratio", 1.5), Is.EqualTo(1.5));
        Assert.That(await Db.HashIncrementAsync("counters", "ratio", -0.25), Is.EqualTo(1.25));
        await Db.HashSetAsync("counters", "name", "not a number");

        var notInteger = await Assert.ThrowsAsync<RedisServerException>(() => Db.HashIncrementAsync("counters", "name"));
        var notFloat = await Assert.ThrowsAsync<RedisServerException>(() => Db.HashIncrementAsync("counters", "name", 1.0));

        Assert.That(notInteger!.Message, Is.EqualTo("ERR hash value is not an integer"));
        Assert.That(notFloat!.Message, Is.EqualTo("ERR hash value is not a float"));
    }

    [Test]
    public async Task Scans_every_field_once_across_pages([Values(10, 1000)] int fields)
    {
        // Ten fields stay a listpack (one page, cursor 0); a thousand become a hashtable, scanned in pages.
        await Db.HashSetAsync("big", Enumerable.Range(0, fields).Select(i => new HashEntry($"f{i}", i)).ToArray());

        var scanned = await Db.HashScanAsync("big", pageSize: 100).ToListAsync();
        var matching = await Db.HashScanAsync("big", pattern: "f1*", pageSize: 100).ToListAsync();

        Assert.That(scanned.Select(entry => (string)entry.Name!), Is.EquivalentTo(Enumerable.Range(0, fields).Select(i => $"f{i}")));
        Assert.That(scanned.All(entry => (string)entry.Name! == $"f{(int)entry.Value}"), Is.True);
        Assert.That(matching.Select(entry => (string)entry.Name!), Is.EquivalentTo(Enumerable.Range(0, fields).Select(i => $"f{i}").Where(name => name.StartsWith("f1"))));
    }

    [Test]
    public async Task Picks_random_fields()
    {
        await Db.HashSetAsync("h", [new("a", "1"), new("b", "2"), new("c", "3")]);

        Assert.That((string?)await Db.HashRandomFieldAsync("h"), Is.AnyOf("a", "b", "c"));
        Assert.That((await Db.HashRandomFieldsAsync("h", 5)).Select(field => (string?)field), Is.EquivalentTo(new[] { "a", "b", "c" }));
        Assert.That(await Db.HashRandomFieldsAsync("h", -5), Has.Length.EqualTo(5));
        Assert.That((await Db.HashRandomFieldsWithValuesAsync("h", 3)).ToStringDictionary(), Is.EquivalentTo(new Dictionary<string, string> { ["a"] = "1", ["b"] = "2", ["c"] = "3" }));
        Assert.That((string?)await Db.HashRandomFieldAsync("missing"), Is.Null);
    }

    [Test]
    public async Task Refuses_string_commands_on_a_hash_and_hash_commands_on_a_string()
    {
        await Db.HashSetAsync("h", "f", "v");
        await Db.StringSetAsync("s", "v");

        var stringOnHash = await Assert.ThrowsAsync<RedisServerException>(() => Db.StringGetAsync("h"));
        var hashOnString = await Assert.ThrowsAsync<RedisServerException>(() => Db.HashGetAsync("s", "f"));

        Assert.That(stringOnHash!.Message, Is.EqualTo(WrongType));
        Assert.That(hashOnString!.Message, Is.EqualTo(WrongType));
        Assert.That(await Db.StringSetAsync("h", "now a string"), Is.True, "SET replaces a value of any type");
        Assert.That(await Db.KeyTypeAsync("h"), Is.EqualTo(RedisType.String));
    }

    [Test]
    public async Task Expires_renames_and_copies_a_hash_key()
    {
        await Db.HashSetAsync("h", [new("a", "1"), new("b", "2")]);

        Assert.That(await Db.KeyExpireAsync("h", TimeSpan.FromSeconds(100)), Is.True);
        Assert.That(await Db.KeyTimeToLiveAsync("h"), Is.GreaterThan(TimeSpan.FromSeconds(90)));
        Assert.That(await Db.KeyRenameAsync("h", "renamed"), Is.True);
        Assert.That(await Db.KeyCopyAsync("renamed", "copy"), Is.True);
        await Db.HashSetAsync("copy", "a", "changed");

        Assert.That((string?)await Db.HashGetAsync("renamed", "a"), Is.EqualTo("1"), "a copy is a copy, not a second name");
        Assert.That(await Db.HashLengthAsync("copy"), Is.EqualTo(2));
        Assert.That(await Db.KeyTimeToLiveAsync("renamed"), Is.GreaterThan(TimeSpan.FromSeconds(90)));
    }
}
