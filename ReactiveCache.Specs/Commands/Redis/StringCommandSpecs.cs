using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

public sealed class StringCommandSpecs : RedisSessionSpec
{
    [Test]
    public void Sets_and_gets_a_value()
    {
        Assert.That(Client.Send("SET", "k", "v"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("GET", "k"), Is.EqualTo("$1\r\nv\r\n"));
        Assert.That(Client.Send("get", "missing"), Is.EqualTo("$-1\r\n"));
    }

    [Test]
    public void Honours_SET_conditions_and_GET()
    {
        Assert.That(Client.Send("SET", "k", "1", "XX"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("SET", "k", "1", "NX"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("SET", "k", "2", "NX", "GET"), Is.EqualTo("$1\r\n1\r\n"));
        Assert.That(Client.Send("SET", "k", "3", "XX", "GET"), Is.EqualTo("$1\r\n1\r\n"));
        Assert.That(Client.Send("SET", "k", "4", "NX", "XX"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("SET", "k", "4", "EX", "10", "KEEPTTL"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("SET", "k", "4", "EX", "0"), Is.EqualTo("-ERR invalid expire time in 'set' command\r\n"));
        Assert.That(Client.Send("SET", "k", "4", "PX", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
    }

    [Test]
    public void Expires_a_SET_with_EX_when_its_time_is_up()
    {
        Client.Send("SET", "k", "v", "EX", "10");

        Redis.Scheduler.AdvanceBy(TimeSpan.FromSeconds(9).Ticks);
        Assert.That(Client.Send("TTL", "k"), Is.EqualTo(":1\r\n"));
        Redis.Scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);

        Assert.That(Client.Send("GET", "k"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("TTL", "k"), Is.EqualTo(":-2\r\n"));
    }

    [Test]
    public void Keeps_the_time_to_live_with_KEEPTTL_and_drops_it_otherwise()
    {
        Client.Send("SET", "k", "v", "PX", "5000");
        Client.Send("SET", "k", "w", "KEEPTTL");
        Assert.That(Client.Send("PTTL", "k"), Is.EqualTo(":5000\r\n"));

        Client.Send("SET", "k", "x");
        Assert.That(Client.Send("PTTL", "k"), Is.EqualTo(":-1\r\n"));
    }

    [Test]
    public void Counts_with_INCR_and_friends()
    {
        Assert.That(Client.Send("INCR", "n"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("INCRBY", "n", "41"), Is.EqualTo(":42\r\n"));
        Assert.That(Client.Send("DECR", "n"), Is.EqualTo(":41\r\n"));
        Assert.That(Client.Send("DECRBY", "n", "50"), Is.EqualTo(":-9\r\n"));
        Assert.That(Client.Send("INCRBY", "n", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Client.Send("SET", "s", "abc");
        Assert.That(Client.Send("INCR", "s"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Client.Send("SET", "big", "9223372036854775807");
        Assert.That(Client.Send("INCR", "big"), Is.EqualTo("-ERR increment or decrement would overflow\r\n"));
        Assert.That(Client.Send("DECRBY", "n", "-9223372036854775808"), Is.EqualTo("-ERR decrement would overflow\r\n"));
    }

    [Test]
    public void Adds_floats_as_Redis_prints_them()
    {
        Assert.That(Client.Send("INCRBYFLOAT", "f", "0.1"), Is.EqualTo("$3\r\n0.1\r\n"));
        Assert.That(Client.Send("INCRBYFLOAT", "f", "0.2"), Is.EqualTo("$3\r\n0.3\r\n"));
        Assert.That(Client.Send("INCRBYFLOAT", "f", "-0.3"), Is.EqualTo("$1\r\n0\r\n"));
        Assert.That(Client.Send("INCRBYFLOAT", "f", "5.0e3"), Is.EqualTo("$4\r\n5000\r\n"));
        Assert.That(Client.Send("INCRBYFLOAT", "f", "x"), Is.EqualTo("-ERR value is not a valid float\r\n"));
    }

    [Test]
    public void Edits_strings_in_place()
    {
        Assert.That(Client.Send("APPEND", "k", "Hello"), Is.EqualTo(":5\r\n"));
        Assert.That(Client.Send("APPEND", "k", " World"), Is.EqualTo(":11\r\n"));
        Assert.That(Client.Send("STRLEN", "k"), Is.EqualTo(":11\r\n"));
        Assert.That(Client.Send("GETRANGE", "k", "-5", "-1"), Is.EqualTo("$5\r\nWorld\r\n"));
        Assert.That(Client.Send("SUBSTR", "k", "0", "3"), Is.EqualTo("$4\r\nHell\r\n"));
        Assert.That(Client.Send("GETRANGE", "k", "5", "2"), Is.EqualTo("$0\r\n\r\n"));
        Assert.That(Client.Send("SETRANGE", "k", "6", "Redis"), Is.EqualTo(":11\r\n"));
        Assert.That(Client.Send("GET", "k"), Is.EqualTo("$11\r\nHello Redis\r\n"));
        Assert.That(Client.Send("SETRANGE", "pad", "3", "x"), Is.EqualTo(":4\r\n"));
        Assert.That(Client.Send("GET", "pad"), Is.EqualTo("$4\r\n\0\0\0x\r\n"));
        Assert.That(Client.Send("SETRANGE", "k", "-1", "x"), Is.EqualTo("-ERR offset is out of range\r\n"));
    }

    // Differential boundaries against redis-server 7.0.15: offset + length must neither overflow nor pass the limit.
    [TestCase("k", "9223372036854775807", "a")]
    [TestCase("missing", "9223372036854775807", "a")]
    [TestCase("k", "9223372036854775806", "ab")]
    [TestCase("k", "536870912", "a")]
    [TestCase("k", "536870911", "ab")]
    public void Refuses_a_SETRANGE_past_the_largest_string_without_overflowing(string key, string offset, string patch)
    {
        Client.Send("SET", "k", "hello");

        Assert.That(Client.Send("SETRANGE", key, offset, patch), Is.EqualTo("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n"));
        Assert.That(Client.Send("STRLEN", key), Is.EqualTo(key == "k" ? ":5\r\n" : ":0\r\n"));
    }

    [Test]
    public void Caps_strings_at_the_largest_array_even_when_proto_max_bulk_len_is_set_higher()
    {
        Client.Send("SET", "k", "hello");
        Client.Send("CONFIG", "SET", "proto-max-bulk-len", "9223372036854775807");

        Assert.That(Client.Send("SETRANGE", "k", "2147483648", "a"), Is.EqualTo("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n"));
        Assert.That(Client.Send("SETRANGE", "k", "9223372036854775807", "a"), Is.EqualTo("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n"));
        Assert.That(Client.Send("SETRANGE", "k", "10", "a"), Is.EqualTo(":11\r\n"));
    }

    [Test]
    public void Refuses_an_APPEND_that_would_pass_proto_max_bulk_len_as_set_by_CONFIG_SET()
    {
        Client.Send("CONFIG", "SET", "proto-max-bulk-len", "1mb");
        Client.Send("SET", "k", new string('v', 1024 * 1024));

        Assert.That(Client.Send("APPEND", "k", "x"), Is.EqualTo("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n"));
        Assert.That(Client.Send("STRLEN", "k"), Is.EqualTo(":1048576\r\n"));
    }

    [Test]
    public void Reads_and_writes_many_keys_at_once()
    {
        Assert.That(Client.Send("MSET", "a", "1", "b", "2"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("MGET", "a", "x", "b"), Is.EqualTo("*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n2\r\n"));
        Assert.That(Client.Send("MSETNX", "a", "9", "c", "3"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("MSETNX", "c", "3", "d", "4"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("MSET", "a", "1", "b"), Is.EqualTo("-ERR wrong number of arguments for 'mset' command\r\n"));
    }

    [Test]
    public void Swaps_and_takes_values()
    {
        Assert.That(Client.Send("GETSET", "k", "1"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("GETSET", "k", "2"), Is.EqualTo("$1\r\n1\r\n"));
        Assert.That(Client.Send("SETNX", "k", "3"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("GETDEL", "k"), Is.EqualTo("$1\r\n2\r\n"));
        Assert.That(Client.Send("EXISTS", "k"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("SETEX", "k", "100", "v"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("TTL", "k"), Is.EqualTo(":100\r\n"));
        Assert.That(Client.Send("SETEX", "k", "0", "v"), Is.EqualTo("-ERR invalid expire time in 'setex' command\r\n"));
        Assert.That(Client.Send("PSETEX", "k", "1500", "v"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("GETEX", "k", "PERSIST"), Is.EqualTo("$1\r\nv\r\n"));
        Assert.That(Client.Send("TTL", "k"), Is.EqualTo(":-1\r\n"));
        Assert.That(Client.Send("GETEX", "k", "EX", "20"), Is.EqualTo("$1\r\nv\r\n"));
        Assert.That(Client.Send("TTL", "k"), Is.EqualTo(":20\r\n"));
        Assert.That(Client.Send("GETEX", "k", "BOGUS"), Is.EqualTo("-ERR syntax error\r\n"));
    }
}
