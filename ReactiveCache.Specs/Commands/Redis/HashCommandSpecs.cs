using System.Reactive.Linq;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>The field commands of t_hash.c, replies worded as redis-server 7.0.15 words them.</summary>
public sealed class HashCommandSpecs : RedisSessionSpec
{
    private const string WrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    [Test]
    public void HSET_counts_new_fields_and_HMSET_answers_OK()
    {
        Assert.That(Client.Send("HSET", "h", "a", "1", "b", "2"), Is.EqualTo(":2\r\n"));
        Assert.That(Client.Send("HSET", "h", "a", "9", "c", "3", "c", "4"), Is.EqualTo(":1\r\n"), "a was there; c counts once");
        Assert.That(Client.Send("HMSET", "h", "d", "5"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("HGETALL", "h"), Is.EqualTo(Bulks("a", "9", "b", "2", "c", "4", "d", "5")));
        Assert.That(Client.Send("HSET", "h", "a"), Is.EqualTo("-ERR wrong number of arguments for 'hset' command\r\n"));
        Assert.That(Client.Send("HSET", "h", "a", "1", "b"), Is.EqualTo("-ERR wrong number of arguments for 'hset' command\r\n"));
        Assert.That(Client.Send("HMSET", "h", "a", "1", "b"), Is.EqualTo("-ERR wrong number of arguments for 'hmset' command\r\n"));
    }

    [Test]
    public void HSETNX_sets_only_a_missing_field()
    {
        Assert.That(Client.Send("HSETNX", "h", "a", "1"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("HSETNX", "h", "a", "2"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("HGET", "h", "a"), Is.EqualTo("$1\r\n1\r\n"));
    }

    [Test]
    public void Reads_fields_and_treats_a_missing_key_as_an_empty_hash()
    {
        Client.Send("HSET", "h", "a", "1", "b", "22");

        Assert.That(Client.Send("HGET", "h", "b"), Is.EqualTo("$2\r\n22\r\n"));
        Assert.That(Client.Send("HGET", "h", "x"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("HGET", "missing", "a"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("HMGET", "h", "a", "x", "b"), Is.EqualTo("*3\r\n$1\r\n1\r\n$-1\r\n$2\r\n22\r\n"));
        Assert.That(Client.Send("HMGET", "missing", "a", "b"), Is.EqualTo("*2\r\n$-1\r\n$-1\r\n"));
        Assert.That(Client.Send("HEXISTS", "h", "a"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("HEXISTS", "h", "x"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("HLEN", "h"), Is.EqualTo(":2\r\n"));
        Assert.That(Client.Send("HLEN", "missing"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("HSTRLEN", "h", "b"), Is.EqualTo(":2\r\n"));
        Assert.That(Client.Send("HSTRLEN", "h", "x"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("HKEYS", "h"), Is.EqualTo(Bulks("a", "b")));
        Assert.That(Client.Send("HVALS", "h"), Is.EqualTo(Bulks("1", "22")));
        Assert.That(Client.Send("HKEYS", "missing"), Is.EqualTo("*0\r\n"));
        Assert.That(Client.Send("HGETALL", "missing"), Is.EqualTo("*0\r\n"));
    }

    [Test]
    public void HGETALL_is_a_map_in_RESP3()
    {
        Client.Send("HSET", "h", "a", "1", "b", "2");
        Client.Send("HELLO", "3");

        Assert.That(Client.Send("HGETALL", "h"), Is.EqualTo("%2\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n"));
        Assert.That(Client.Send("HGETALL", "missing"), Is.EqualTo("%0\r\n"));
        Assert.That(Client.Send("HKEYS", "h"), Is.EqualTo(Bulks("a", "b")), "HKEYS stays an array");
    }

    [Test]
    public void HDEL_counts_deleted_fields_and_an_emptied_hash_disappears_in_one_change()
    {
        Client.Send("HSET", "h", "a", "1", "b", "2", "c", "3");
        var changes = new List<CacheChange>();
        using var subscription = Redis.Store.Changes.Subscribe(changes.Add);

        Assert.That(Client.Send("HDEL", "h", "x", "y"), Is.EqualTo(":0\r\n"));
        Assert.That(changes, Is.Empty, "deleting nothing changes nothing");
        Assert.That(Client.Send("HDEL", "h", "a", "a"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("HDEL", "h", "b", "c", "d"), Is.EqualTo(":2\r\n"));

        Assert.That(Client.Send("EXISTS", "h"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("HDEL", "h", "a"), Is.EqualTo(":0\r\n"));
        Assert.That(changes, Has.Count.EqualTo(2));
        Assert.That(changes[0].Operations, Is.EqualTo(ChangeOperations.FieldsDeleted));
        Assert.That(changes[1].Operations, Is.EqualTo(ChangeOperations.FieldsDeleted | ChangeOperations.KeyRemoved));
        Assert.That(changes[1].Kind, Is.EqualTo(ChangeKind.Removed));
        Assert.That(changes[1].Fields!.Select(field => Text(field.Name)), Is.EqualTo(new[] { "b", "c" }));
    }

    [Test]
    public void A_multi_field_HSET_publishes_one_change_carrying_exactly_its_fields()
    {
        Client.Send("HSET", "h", "old", "0");
        var changes = new List<CacheChange>();
        using var subscription = Redis.Store.Changes.Subscribe(changes.Add);

        Client.Send("HSET", "h", "a", "1", "b", "2", "c", "3");

        Assert.That(changes, Has.Count.EqualTo(1));
        Assert.That(changes[0].Kind, Is.EqualTo(ChangeKind.Updated));
        Assert.That(changes[0].Operations, Is.EqualTo(ChangeOperations.FieldsSet));
        Assert.That(changes[0].Reason, Is.EqualTo(ChangeReason.HashSet));
        Assert.That(changes[0].Type, Is.EqualTo(ValueKind.Hash));
        Assert.That(changes[0].Fields!.Select(field => $"{Text(field.Name)}={Text(field.Value!)}"), Is.EqualTo(new[] { "a=1", "b=2", "c=3" }));
    }

    [Test]
    public void Announces_hset_hincrby_hincrbyfloat_hdel_and_del_keyspace_events()
    {
        using var redis = new RedisHarness(new RedisSettings { NotifyKeyspaceEvents = "Egh" });
        var watcher = redis.Connect();
        watcher.Send("PSUBSCRIBE", "__keyevent@0__:*");
        var client = redis.Connect();

        client.Send("HSET", "h", "a", "1", "b", "2");
        client.Send("HSETNX", "h", "c", "3");
        client.Send("HINCRBY", "h", "a", "1");
        client.Send("HINCRBYFLOAT", "h", "a", "0.5");
        client.Send("HDEL", "h", "a");
        client.Send("HDEL", "h", "b", "c");

        var events = watcher.Pushed.Select(push => push.Split("\r\n")[6]["__keyevent@0__:".Length..]);
        Assert.That(events, Is.EqualTo(new[] { "hset", "hset", "hincrby", "hincrbyfloat", "hdel", "hdel", "del" }));
    }

    [Test]
    public void Answers_WRONGTYPE_both_ways()
    {
        Client.Send("SET", "s", "v");
        Client.Send("HSET", "h", "a", "1");

        Assert.That(Client.Send("GET", "h"), Is.EqualTo(WrongType));
        Assert.That(Client.Send("APPEND", "h", "x"), Is.EqualTo(WrongType));
        Assert.That(Client.Send("INCR", "h"), Is.EqualTo(WrongType));
        foreach (var command in new[]
        {
            new[] { "HSET", "s", "a", "1" }, ["HSETNX", "s", "a", "1"], ["HMSET", "s", "a", "1"], ["HGET", "s", "a"], ["HMGET", "s", "a"],
            ["HGETALL", "s"], ["HDEL", "s", "a"], ["HEXISTS", "s", "a"], ["HLEN", "s"], ["HSTRLEN", "s", "a"], ["HKEYS", "s"],
            ["HVALS", "s"], ["HINCRBY", "s", "a", "1"], ["HINCRBYFLOAT", "s", "a", "1"], ["HRANDFIELD", "s"], ["HRANDFIELD", "s", "0"],
            ["HSCAN", "s", "0"],
        })
        {
            Assert.That(Client.Send(command), Is.EqualTo(WrongType), string.Join(' ', command));
        }

        Assert.That(Client.Send("GET", "s"), Is.EqualTo("$1\r\nv\r\n"), "nothing changed");
        Assert.That(Client.Send("SET", "h", "v"), Is.EqualTo("+OK\r\n"), "SET replaces a value of any type");
        Assert.That(Client.Send("TYPE", "h"), Is.EqualTo("+string\r\n"));
    }

    [Test]
    public void Hash_keys_are_typed_copied_renamed_and_expire()
    {
        Client.Send("HSET", "h", "a", "1", "b", "2");

        Assert.That(Client.Send("TYPE", "h"), Is.EqualTo("+hash\r\n"));
        Assert.That(Client.Send("COPY", "h", "copy"), Is.EqualTo(":1\r\n"));
        Client.Send("HSET", "copy", "c", "3");
        Assert.That(Client.Send("HLEN", "h"), Is.EqualTo(":2\r\n"), "the copy is independent");
        Assert.That(Client.Send("RENAME", "copy", "renamed"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("HGETALL", "renamed"), Is.EqualTo(Bulks("a", "1", "b", "2", "c", "3")));
        Assert.That(Client.Send("EXPIRE", "h", "10"), Is.EqualTo(":1\r\n"));
        Client.Send("HSET", "h", "c", "3");
        Assert.That(Client.Send("TTL", "h"), Is.EqualTo(":10\r\n"), "a field write keeps the time to live");

        Redis.Scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);

        Assert.That(Client.Send("EXISTS", "h"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("HGET", "h", "a"), Is.EqualTo("$-1\r\n"));
    }

    [Test]
    public void SCAN_TYPE_hash_returns_only_hashes()
    {
        Client.Send("SET", "s", "v");
        Client.Send("HSET", "h1", "a", "1");
        Client.Send("HSET", "h2", "a", "1");

        var reply = Client.Send("SCAN", "0", "TYPE", "hash", "COUNT", "100");

        Assert.That(reply, Is.EqualTo("*2\r\n$1\r\n0\r\n" + Bulks("h1", "h2")));
    }

    [Test]
    public void HINCRBY_adds_to_an_integer_field_and_refuses_others_and_overflow()
    {
        Assert.That(Client.Send("HINCRBY", "h", "n", "5"), Is.EqualTo(":5\r\n"));
        Assert.That(Client.Send("HINCRBY", "h", "n", "-7"), Is.EqualTo(":-2\r\n"));
        Client.Send("HSET", "h", "spaced", " 11", "big", "-9223372036854775484");

        Assert.That(Client.Send("HINCRBY", "h", "spaced", "1"), Is.EqualTo("-ERR hash value is not an integer\r\n"));
        Assert.That(Client.Send("HINCRBY", "h", "n", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(Client.Send("HINCRBY", "h", "big", "-1"), Is.EqualTo(":-9223372036854775485\r\n"));
        Assert.That(Client.Send("HINCRBY", "h", "big", "-10000"), Is.EqualTo("-ERR increment or decrement would overflow\r\n"));
        Assert.That(Client.Send("HGET", "h", "big"), Is.EqualTo("$20\r\n-9223372036854775485\r\n"));
    }

    [Test]
    public void HINCRBYFLOAT_adds_as_Redis_prints_and_refuses_NaN_and_infinity()
    {
        Assert.That(Client.Send("HINCRBYFLOAT", "h", "f", "1.23"), Is.EqualTo("$4\r\n1.23\r\n"));
        Assert.That(Client.Send("HINCRBYFLOAT", "h", "f", "0.77"), Is.EqualTo("$1\r\n2\r\n"));
        Assert.That(Client.Send("HINCRBYFLOAT", "h", "f", "-0.1"), Is.EqualTo("$3\r\n1.9\r\n"));
        Client.Send("HSET", "h", "text", "11 ");

        Assert.That(Client.Send("HINCRBYFLOAT", "h", "text", "1"), Is.EqualTo("-ERR hash value is not a float\r\n"));
        Assert.That(Client.Send("HINCRBYFLOAT", "h", "f", "x"), Is.EqualTo("-ERR value is not a valid float\r\n"));
        Assert.That(Client.Send("HINCRBYFLOAT", "other", "f", "+inf"), Is.EqualTo("-ERR value is NaN or Infinity\r\n"));
        Assert.That(Client.Send("EXISTS", "other"), Is.EqualTo(":0\r\n"));
        Client.Send("HSET", "h", "infinite", "inf");
        Assert.That(Client.Send("HINCRBYFLOAT", "h", "infinite", "1"), Is.EqualTo("-ERR increment would produce NaN or Infinity\r\n"));
    }

    [Test]
    public void OBJECT_ENCODING_turns_from_listpack_to_hashtable_past_512_fields_or_a_65_byte_value_and_never_back()
    {
        for (var i = 0; i < 512; i++)
        {
            Client.Send("HSET", "many", $"f{i}", "v");
        }

        Client.Send("HSET", "wide", "a", new string('x', 64));
        Assert.That(Client.Send("OBJECT", "ENCODING", "many"), Is.EqualTo("$8\r\nlistpack\r\n"));
        Assert.That(Client.Send("OBJECT", "ENCODING", "wide"), Is.EqualTo("$8\r\nlistpack\r\n"));

        Client.Send("HSET", "many", "f512", "v");
        Client.Send("HSET", "wide", "b", new string('x', 65));
        Client.Send("HSET", "long-name", new string('k', 65), "v");

        Assert.That(Client.Send("OBJECT", "ENCODING", "many"), Is.EqualTo("$9\r\nhashtable\r\n"));
        Assert.That(Client.Send("OBJECT", "ENCODING", "wide"), Is.EqualTo("$9\r\nhashtable\r\n"));
        Assert.That(Client.Send("OBJECT", "ENCODING", "long-name"), Is.EqualTo("$9\r\nhashtable\r\n"));
        Client.Send("HDEL", "wide", "b");
        Assert.That(Client.Send("OBJECT", "ENCODING", "wide"), Is.EqualTo("$9\r\nhashtable\r\n"), "as in Redis, a hash never converts back");
        Assert.That(Client.Send("COPY", "wide", "wide-copy"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("OBJECT", "ENCODING", "wide-copy"), Is.EqualTo("$9\r\nhashtable\r\n"), "a copy keeps the encoding");
    }

    [Test]
    public void MEMORY_USAGE_estimates_a_key_and_checks_SAMPLES()
    {
        Client.Send("HSET", "h", "a", "1");
        var small = long.Parse(Client.Send("MEMORY", "USAGE", "h")[1..^2]);
        Client.Send("HSET", "h", "b", new string('x', 1000));

        Assert.That(long.Parse(Client.Send("MEMORY", "USAGE", "h", "SAMPLES", "0")[1..^2]), Is.GreaterThan(small + 1000));
        Assert.That(Client.Send("MEMORY", "USAGE", "missing"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("MEMORY", "USAGE", "h", "SAMPLES", "-1"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("MEMORY", "USAGE", "h", "SAMPLES", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(Client.Send("MEMORY", "USAGE", "h", "FOO"), Is.EqualTo("-ERR syntax error\r\n"));
    }

    [Test]
    public void Registers_the_hash_commands_with_Redis_arity_and_flags()
    {
        var table = Redis.Server.Commands;

        Assert.That(table.TryFind("hset"u8.ToArray(), out var hset) && hset.Arity == -4 && hset.Group == "hash");
        Assert.That(table.TryFind("HINCRBYFLOAT"u8.ToArray(), out var incr) && incr.Arity == 4 && incr.Has(RedisCommandFlags.DenyOom));
        Assert.That(table.TryFind("hscan"u8.ToArray(), out var hscan) && hscan.Arity == -3 && hscan.Has(RedisCommandFlags.ReadOnly));
        Assert.That(Client.Send("HGET", "h"), Is.EqualTo("-ERR wrong number of arguments for 'hget' command\r\n"));
    }

    internal static string Bulks(params string[] items) =>
        $"*{items.Length}\r\n" + string.Concat(items.Select(item => $"${System.Text.Encoding.UTF8.GetByteCount(item)}\r\n{item}\r\n"));

    private static string Text(byte[] bytes) => System.Text.Encoding.UTF8.GetString(bytes);
}
