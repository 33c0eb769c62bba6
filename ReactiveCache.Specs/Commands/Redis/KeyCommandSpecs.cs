using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

public sealed class KeyCommandSpecs : ReactiveTest
{
    private RedisHarness _redis = null!;
    private RedisHarness.Client _client = null!;

    [SetUp]
    public void Connect()
    {
        _redis = new RedisHarness();
        _client = _redis.Connect();
    }

    [TearDown]
    public void Disconnect() => _redis.Dispose();

    [Test]
    public void Deletes_counts_and_types_keys()
    {
        _client.Send("MSET", "a", "1", "b", "2");

        Assert.That(_client.Send("EXISTS", "a", "a", "x"), Is.EqualTo(":2\r\n"));
        Assert.That(_client.Send("TYPE", "a"), Is.EqualTo("+string\r\n"));
        Assert.That(_client.Send("TYPE", "x"), Is.EqualTo("+none\r\n"));
        Assert.That(_client.Send("TOUCH", "a", "x"), Is.EqualTo(":1\r\n"));
        Assert.That(_client.Send("DBSIZE"), Is.EqualTo(":2\r\n"));
        Assert.That(_client.Send("DEL", "a", "x"), Is.EqualTo(":1\r\n"));
        Assert.That(_client.Send("UNLINK", "b"), Is.EqualTo(":1\r\n"));
        Assert.That(_client.Send("RANDOMKEY"), Is.EqualTo("$-1\r\n"));
    }

    [Test]
    public void Describes_values_as_Redis_encodes_them()
    {
        _client.Send("MSET", "n", "12345", "s", "hello", "long", new string('x', 45));

        Assert.That(_client.Send("OBJECT", "ENCODING", "n"), Is.EqualTo("$3\r\nint\r\n"));
        Assert.That(_client.Send("OBJECT", "ENCODING", "s"), Is.EqualTo("$6\r\nembstr\r\n"));
        Assert.That(_client.Send("OBJECT", "ENCODING", "long"), Is.EqualTo("$3\r\nraw\r\n"));
        Assert.That(_client.Send("OBJECT", "ENCODING", "missing"), Is.EqualTo("$-1\r\n"));
        Assert.That(_client.Send("OBJECT", "FOO", "n"), Is.EqualTo("-ERR unknown subcommand 'FOO'. Try OBJECT HELP.\r\n"));
    }

    [Test]
    public void Renames_and_copies_keys_with_their_time_to_live()
    {
        _client.Send("SET", "a", "1", "EX", "100");

        Assert.That(_client.Send("RENAME", "a", "b"), Is.EqualTo("+OK\r\n"));
        Assert.That(_client.Send("TTL", "b"), Is.EqualTo(":100\r\n"));
        Assert.That(_client.Send("RENAME", "a", "b"), Is.EqualTo("-ERR no such key\r\n"));
        Assert.That(_client.Send("SET", "c", "3"), Is.EqualTo("+OK\r\n"));
        Assert.That(_client.Send("RENAMENX", "b", "c"), Is.EqualTo(":0\r\n"));
        Assert.That(_client.Send("COPY", "b", "c"), Is.EqualTo(":0\r\n"));
        Assert.That(_client.Send("COPY", "b", "c", "REPLACE"), Is.EqualTo(":1\r\n"));
        Assert.That(_client.Send("GET", "c"), Is.EqualTo("$1\r\n1\r\n"));
        Assert.That(_client.Send("COPY", "b", "b"), Is.EqualTo("-ERR source and destination objects are the same\r\n"));
        Assert.That(_client.Send("COPY", "b", "b", "DB", "1"), Is.EqualTo(":1\r\n"));
        Assert.That(_client.Send("COPY", "b", "b", "DB", "99"), Is.EqualTo("-ERR DB index is out of range\r\n"));
    }

    [Test]
    public void Applies_expiry_conditions_as_Redis_does()
    {
        _client.Send("SET", "k", "v");

        Assert.That(_client.Send("EXPIRE", "k", "100", "XX"), Is.EqualTo(":0\r\n"));
        Assert.That(_client.Send("EXPIRE", "k", "100", "GT"), Is.EqualTo(":0\r\n"));
        Assert.That(_client.Send("EXPIRE", "k", "100", "NX"), Is.EqualTo(":1\r\n"));
        Assert.That(_client.Send("EXPIRE", "k", "50", "GT"), Is.EqualTo(":0\r\n"));
        Assert.That(_client.Send("EXPIRE", "k", "50", "LT"), Is.EqualTo(":1\r\n"));
        Assert.That(_client.Send("TTL", "k"), Is.EqualTo(":50\r\n"));
        Assert.That(_client.Send("EXPIRE", "k", "50", "NX", "XX"), Is.EqualTo("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n"));
        Assert.That(_client.Send("EXPIRE", "k", "50", "GT", "LT"), Is.EqualTo("-ERR GT and LT options at the same time are not compatible\r\n"));
        Assert.That(_client.Send("EXPIRE", "k", "50", "YY"), Is.EqualTo("-ERR Unsupported option YY\r\n"));
        Assert.That(_client.Send("EXPIRE", "k", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(_client.Send("EXPIRE", "k", "9223372036854775807"), Is.EqualTo("-ERR invalid expire time in 'expire' command\r\n"));
        Assert.That(_client.Send("EXPIRE", "missing", "10"), Is.EqualTo(":0\r\n"));
        Assert.That(_client.Send("PEXPIREAT", "k", "9223372036854775806"), Is.EqualTo(":1\r\n"));
        Assert.That(_client.Send("GET", "k"), Is.EqualTo("$1\r\nv\r\n"));
    }

    [Test]
    public void Reports_times_to_live_in_every_unit()
    {
        _client.Send("SET", "k", "v", "PXAT", (_redis.Scheduler.Now.ToUnixTimeMilliseconds() + 2500).ToString());

        Assert.That(_client.Send("PTTL", "k"), Is.EqualTo(":2500\r\n"));
        Assert.That(_client.Send("TTL", "k"), Is.EqualTo(":3\r\n"));
        Assert.That(_client.Send("PEXPIRETIME", "k"), Is.EqualTo($":{_redis.Scheduler.Now.ToUnixTimeMilliseconds() + 2500}\r\n"));
        Assert.That(_client.Send("EXPIRETIME", "k"), Is.EqualTo($":{_redis.Scheduler.Now.ToUnixTimeSeconds() + 3}\r\n"));
        Assert.That(_client.Send("PERSIST", "k"), Is.EqualTo(":1\r\n"));
        Assert.That(_client.Send("PERSIST", "k"), Is.EqualTo(":0\r\n"));
        Assert.That(_client.Send("TTL", "k"), Is.EqualTo(":-1\r\n"));
        Assert.That(_client.Send("PEXPIREAT", "k", "1"), Is.EqualTo(":1\r\n"));
        Assert.That(_client.Send("EXISTS", "k"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void Lists_and_scans_keys_matching_a_pattern()
    {
        for (var i = 0; i < 25; i++)
        {
            _client.Send("SET", $"user:{i}", "x");
        }

        _client.Send("SET", "other", "x");

        Assert.That(_client.Send("KEYS", "user:1?"), Does.StartWith("*10\r\n"));
        var seen = new HashSet<string>();
        var cursor = "0";
        do
        {
            var reply = _client.Send("SCAN", cursor, "MATCH", "user:*", "COUNT", "7").Split("\r\n");
            cursor = reply[2];
            for (var i = 4; i + 1 < reply.Length; i += 2)
            {
                seen.Add(reply[i + 1]);
            }
        }
        while (cursor != "0");

        Assert.That(seen, Has.Count.EqualTo(25));
        Assert.That(_client.Send("SCAN", "0", "TYPE", "hash"), Does.EndWith("\r\n*0\r\n"));
        Assert.That(_client.Send("SCAN", "x"), Is.EqualTo("-ERR invalid cursor\r\n"));
        Assert.That(_client.Send("SCAN", "0", "COUNT", "0"), Is.EqualTo("-ERR syntax error\r\n"));
    }

    [Test]
    public void Keeps_sixteen_separate_databases()
    {
        _client.Send("SET", "k", "zero");

        Assert.That(_client.Send("SELECT", "15"), Is.EqualTo("+OK\r\n"));
        Assert.That(_client.Send("GET", "k"), Is.EqualTo("$-1\r\n"));
        _client.Send("SET", "k", "fifteen");
        Assert.That(_client.Send("SELECT", "16"), Is.EqualTo("-ERR DB index is out of range\r\n"));
        Assert.That(_client.Send("SELECT", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(_client.Send("FLUSHDB"), Is.EqualTo("+OK\r\n"));
        Assert.That(_client.Send("DBSIZE"), Is.EqualTo(":0\r\n"));
        _client.Send("SELECT", "0");
        Assert.That(_client.Send("GET", "k"), Is.EqualTo("$4\r\nzero\r\n"));
        Assert.That(_client.Send("FLUSHALL", "ASYNC"), Is.EqualTo("+OK\r\n"));
        Assert.That(_client.Send("DBSIZE"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void Runs_a_transaction_unless_a_watched_key_changed()
    {
        var other = _redis.Connect();

        Assert.That(_client.Send("MULTI"), Is.EqualTo("+OK\r\n"));
        Assert.That(_client.Send("SET", "k", "1"), Is.EqualTo("+QUEUED\r\n"));
        Assert.That(_client.Send("INCR", "k"), Is.EqualTo("+QUEUED\r\n"));
        Assert.That(_client.Send("EXEC"), Is.EqualTo("*2\r\n+OK\r\n:2\r\n"));
        Assert.That(_client.Send("WATCH", "k"), Is.EqualTo("+OK\r\n"));
        other.Send("SET", "k", "changed");
        _client.Send("MULTI");
        _client.Send("SET", "k", "mine");
        Assert.That(_client.Send("EXEC"), Is.EqualTo("*-1\r\n"));
        Assert.That(_client.Send("GET", "k"), Is.EqualTo("$7\r\nchanged\r\n"));
        _client.Send("MULTI");
        Assert.That(_client.Send("NOPE"), Does.StartWith("-ERR unknown command 'NOPE'"));
        Assert.That(_client.Send("EXEC"), Is.EqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n"));
        Assert.That(_client.Send("EXEC"), Is.EqualTo("-ERR EXEC without MULTI\r\n"));
        Assert.That(_client.Send("DISCARD"), Is.EqualTo("-ERR DISCARD without MULTI\r\n"));
    }
}
