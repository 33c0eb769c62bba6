using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

public sealed class KeyCommandSpecs : RedisSessionSpec
{
    [Test]
    public void Deletes_counts_and_types_keys()
    {
        Client.Send("MSET", "a", "1", "b", "2");

        Assert.That(Client.Send("EXISTS", "a", "a", "x"), Is.EqualTo(":2\r\n"));
        Assert.That(Client.Send("TYPE", "a"), Is.EqualTo("+string\r\n"));
        Assert.That(Client.Send("TYPE", "x"), Is.EqualTo("+none\r\n"));
        Assert.That(Client.Send("TOUCH", "a", "x"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("DBSIZE"), Is.EqualTo(":2\r\n"));
        Assert.That(Client.Send("DEL", "a", "x"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("UNLINK", "b"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("RANDOMKEY"), Is.EqualTo("$-1\r\n"));
    }

    [Test]
    public void Describes_values_as_Redis_encodes_them()
    {
        Client.Send("MSET", "n", "12345", "s", "hello", "long", new string('x', 45));

        Assert.That(Client.Send("OBJECT", "ENCODING", "n"), Is.EqualTo("$3\r\nint\r\n"));
        Assert.That(Client.Send("OBJECT", "ENCODING", "s"), Is.EqualTo("$6\r\nembstr\r\n"));
        Assert.That(Client.Send("OBJECT", "ENCODING", "long"), Is.EqualTo("$3\r\nraw\r\n"));
        Assert.That(Client.Send("OBJECT", "ENCODING", "missing"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("OBJECT", "FOO", "n"), Is.EqualTo("-ERR unknown subcommand 'FOO'. Try OBJECT HELP.\r\n"));
    }

    [Test]
    public void Renames_and_copies_keys_with_their_time_to_live()
    {
        Client.Send("SET", "a", "1", "EX", "100");

        Assert.That(Client.Send("RENAME", "a", "b"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("TTL", "b"), Is.EqualTo(":100\r\n"));
        Assert.That(Client.Send("RENAME", "a", "b"), Is.EqualTo("-ERR no such key\r\n"));
        Assert.That(Client.Send("SET", "c", "3"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("RENAMENX", "b", "c"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("COPY", "b", "c"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("COPY", "b", "c", "REPLACE"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("GET", "c"), Is.EqualTo("$1\r\n1\r\n"));
        Assert.That(Client.Send("COPY", "b", "b"), Is.EqualTo("-ERR source and destination objects are the same\r\n"));
        Assert.That(Client.Send("COPY", "b", "b", "DB", "1"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("COPY", "b", "b", "DB", "99"), Is.EqualTo("-ERR DB index is out of range\r\n"));
    }

    [Test]
    public void Applies_expiry_conditions_as_Redis_does()
    {
        Client.Send("SET", "k", "v");

        Assert.That(Client.Send("EXPIRE", "k", "100", "XX"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("EXPIRE", "k", "100", "GT"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("EXPIRE", "k", "100", "NX"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("EXPIRE", "k", "50", "GT"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("EXPIRE", "k", "50", "LT"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("TTL", "k"), Is.EqualTo(":50\r\n"));
        Assert.That(Client.Send("EXPIRE", "k", "50", "NX", "XX"), Is.EqualTo("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n"));
        Assert.That(Client.Send("EXPIRE", "k", "50", "GT", "LT"), Is.EqualTo("-ERR GT and LT options at the same time are not compatible\r\n"));
        Assert.That(Client.Send("EXPIRE", "k", "50", "YY"), Is.EqualTo("-ERR Unsupported option YY\r\n"));
        Assert.That(Client.Send("EXPIRE", "k", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(Client.Send("EXPIRE", "k", "9223372036854775807"), Is.EqualTo("-ERR invalid expire time in 'expire' command\r\n"));
        Assert.That(Client.Send("EXPIRE", "missing", "10"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("PEXPIREAT", "k", "9223372036854775806"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("GET", "k"), Is.EqualTo("$1\r\nv\r\n"));
    }

    [Test]
    public void Reports_times_to_live_in_every_unit()
    {
        Client.Send("SET", "k", "v", "PXAT", (Redis.Scheduler.Now.ToUnixTimeMilliseconds() + 2500).ToString());

        Assert.That(Client.Send("PTTL", "k"), Is.EqualTo(":2500\r\n"));
        Assert.That(Client.Send("TTL", "k"), Is.EqualTo(":3\r\n"));
        Assert.That(Client.Send("PEXPIRETIME", "k"), Is.EqualTo($":{Redis.Scheduler.Now.ToUnixTimeMilliseconds() + 2500}\r\n"));
        Assert.That(Client.Send("EXPIRETIME", "k"), Is.EqualTo($":{Redis.Scheduler.Now.ToUnixTimeSeconds() + 3}\r\n"));
        Assert.That(Client.Send("PERSIST", "k"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("PERSIST", "k"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("TTL", "k"), Is.EqualTo(":-1\r\n"));
        Assert.That(Client.Send("PEXPIREAT", "k", "1"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("EXISTS", "k"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void Lists_and_scans_keys_matching_a_pattern()
    {
        for (var i = 0; i < 25; i++)
        {
            Client.Send("SET", $"user:{i}", "x");
        }

        Client.Send("SET", "other", "x");

        Assert.That(Client.Send("KEYS", "user:1?"), Does.StartWith("*10\r\n"));
        var seen = new HashSet<string>();
        var cursor = "0";
        do
        {
            var reply = Client.Send("SCAN", cursor, "MATCH", "user:*", "COUNT", "7").Split("\r\n");
            cursor = reply[2];
            for (var i = 4; i + 1 < reply.Length; i += 2)
            {
                seen.Add(reply[i + 1]);
            }
        }
        while (cursor != "0");

        Assert.That(seen, Has.Count.EqualTo(25));
        Assert.That(Client.Send("SCAN", "0", "TYPE", "hash"), Does.EndWith("\r\n*0\r\n"));
        Assert.That(Client.Send("SCAN", "x"), Is.EqualTo("-ERR invalid cursor\r\n"));
        Assert.That(Client.Send("SCAN", "0", "COUNT", "0"), Is.EqualTo("-ERR syntax error\r\n"));
    }

    [Test]
    public void Keeps_sixteen_separate_databases()
    {
        Client.Send("SET", "k", "zero");

        Assert.That(Client.Send("SELECT", "15"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("GET", "k"), Is.EqualTo("$-1\r\n"));
        Client.Send("SET", "k", "fifteen");
        Assert.That(Client.Send("SELECT", "16"), Is.EqualTo("-ERR DB index is out of range\r\n"));
        Assert.That(Client.Send("SELECT", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(Client.Send("FLUSHDB"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("DBSIZE"), Is.EqualTo(":0\r\n"));
        Client.Send("SELECT", "0");
        Assert.That(Client.Send("GET", "k"), Is.EqualTo("$4\r\nzero\r\n"));
        Assert.That(Client.Send("FLUSHALL", "ASYNC"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("DBSIZE"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void Runs_a_transaction_unless_a_watched_key_changed()
    {
        var other = Redis.Connect();

        Assert.That(Client.Send("MULTI"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("SET", "k", "1"), Is.EqualTo("+QUEUED\r\n"));
        Assert.That(Client.Send("INCR", "k"), Is.EqualTo("+QUEUED\r\n"));
        Assert.That(Client.Send("EXEC"), Is.EqualTo("*2\r\n+OK\r\n:2\r\n"));
        Assert.That(Client.Send("WATCH", "k"), Is.EqualTo("+OK\r\n"));
        other.Send("SET", "k", "changed");
        Client.Send("MULTI");
        Client.Send("SET", "k", "mine");
        Assert.That(Client.Send("EXEC"), Is.EqualTo("*-1\r\n"));
        Assert.That(Client.Send("GET", "k"), Is.EqualTo("$7\r\nchanged\r\n"));
        Client.Send("MULTI");
        Assert.That(Client.Send("NOPE"), Is.EqualTo("-ERR unknown command 'NOPE', with args beginning with: \r\n"));
        Assert.That(Client.Send("EXEC"), Is.EqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n"));
        Assert.That(Client.Send("EXEC"), Is.EqualTo("-ERR EXEC without MULTI\r\n"));
        Assert.That(Client.Send("DISCARD"), Is.EqualTo("-ERR DISCARD without MULTI\r\n"));
    }
}
