using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>
/// CONFIG GET/SET of Redis 7.0's encoding tunables and their ziplist aliases, answered as redis-server 7.0.15
/// answers the same requests (each expected reply below was read from one).
/// </summary>
public sealed class ConfigEncodingSpecs : ReactiveTest
{
    private const string NotInteger = "argument couldn't be parsed into an integer";
    private const string NotMemory = "argument must be a memory value";
    private const string CountRange = "argument must be between 0 and 9223372036854775807 inclusive";
    private const string IntRange = "argument must be between -2147483648 and 2147483647 inclusive";
    private const string DepthRange = "argument must be between 0 and 2147483647 inclusive";

    [TestCase("hash-max-listpack-entries", "512")]
    [TestCase("hash-max-ziplist-entries", "512")]
    [TestCase("hash-max-listpack-value", "64")]
    [TestCase("hash-max-ziplist-value", "64")]
    [TestCase("list-max-listpack-size", "-2")]
    [TestCase("list-max-ziplist-size", "-2")]
    [TestCase("list-compress-depth", "0")]
    [TestCase("set-max-intset-entries", "512")]
    [TestCase("zset-max-listpack-entries", "128")]
    [TestCase("zset-max-ziplist-entries", "128")]
    [TestCase("zset-max-listpack-value", "64")]
    [TestCase("zset-max-ziplist-value", "64")]
    [TestCase("HASH-MAX-ZIPLIST-VALUE", "64")]
    public void Answers_a_name_or_alias_with_the_default_under_the_name_as_sent(string name, string value)
    {
        using var redis = new RedisHarness();

        var reply = redis.Connect().Send("CONFIG", "GET", name);

        Assert.That(reply, Is.EqualTo(Pair(name, value)));
    }

    [Test]
    public void Knows_no_set_max_listpack_entries_which_came_with_Redis_7_2()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        Assert.That(client.Send("CONFIG", "GET", "set-max-listpack-entries"), Is.EqualTo("*0\r\n"));
        Assert.That(client.Send("CONFIG", "SET", "set-max-listpack-entries", "1"),
            Is.EqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'set-max-listpack-entries'\r\n"));
    }

    [Test]
    public void A_pattern_matches_names_and_aliases_in_any_case()
    {
        using var redis = new RedisHarness();

        var reply = redis.Connect().Send("CONFIG", "GET", "HASH-max-*");

        Assert.That(reply, Is.EqualTo("*8\r\n" + Fields("hash-max-listpack-entries", "512") + Fields("hash-max-ziplist-entries", "512")
            + Fields("hash-max-listpack-value", "64") + Fields("hash-max-ziplist-value", "64")));
    }

    [Test]
    public void Setting_an_alias_changes_the_name_and_what_the_server_reads()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        var reply = client.Send("CONFIG", "SET", "hash-max-ziplist-entries", "7", "hash-max-ziplist-value", "1kb", "list-max-ziplist-size", "-5");

        Assert.That(reply, Is.EqualTo("+OK\r\n"));
        Assert.That(client.Send("CONFIG", "GET", "hash-max-listpack-entries"), Is.EqualTo(Pair("hash-max-listpack-entries", "7")));
        Assert.That(client.Send("CONFIG", "GET", "hash-max-listpack-value"), Is.EqualTo(Pair("hash-max-listpack-value", "1024")));
        Assert.That(client.Send("CONFIG", "GET", "list-max-listpack-size"), Is.EqualTo(Pair("list-max-listpack-size", "-5")));
        Assert.That(redis.Server.EncodingLimits.HashMaxListpackEntries, Is.EqualTo(7));
        Assert.That(redis.Server.EncodingLimits.HashMaxListpackValue, Is.EqualTo(1024));
    }

    [TestCase("hash-max-listpack-entries", "0", "0")]
    [TestCase("hash-max-listpack-entries", "9223372036854775807", "9223372036854775807")]
    [TestCase("hash-max-listpack-value", "", "0")]
    [TestCase("hash-max-listpack-value", "kb", "0")]
    [TestCase("hash-max-listpack-value", "007", "7")]
    [TestCase("hash-max-listpack-value", "2k", "2000")]
    [TestCase("hash-max-listpack-value", "1GB", "1073741824")]
    [TestCase("zset-max-ziplist-value", "1m", "1000000")]
    [TestCase("list-max-listpack-size", "-2147483648", "-2147483648")]
    [TestCase("list-compress-depth", "3", "3")]
    [TestCase("set-max-intset-entries", "1", "1")]
    public void Stores_a_value_as_Redis_reads_it(string name, string value, string stored)
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        var reply = client.Send("CONFIG", "SET", name, value);

        Assert.That(reply, Is.EqualTo("+OK\r\n"));
        Assert.That(client.Send("CONFIG", "GET", name), Is.EqualTo(Pair(name, stored)));
    }

    [TestCase("hash-max-listpack-entries", "-1", CountRange)]
    [TestCase("hash-max-ziplist-entries", "-1", CountRange)]
    [TestCase("hash-max-listpack-entries", "abc", NotInteger)]
    [TestCase("hash-max-listpack-entries", "1kb", NotInteger)]
    [TestCase("hash-max-listpack-entries", "9223372036854775808", NotInteger)]
    [TestCase("hash-max-listpack-entries", "007", NotInteger)]
    [TestCase("hash-max-listpack-entries", "-0", NotInteger)]
    [TestCase("hash-max-listpack-entries", "+5", NotInteger)]
    [TestCase("hash-max-listpack-entries", " 5", NotInteger)]
    [TestCase("hash-max-listpack-entries", "", NotInteger)]
    [TestCase("hash-max-listpack-value", "-1", NotMemory)]
    [TestCase("hash-max-listpack-value", "abc", NotMemory)]
    [TestCase("hash-max-listpack-value", " 1", NotMemory)]
    [TestCase("hash-max-listpack-value", "+1", NotMemory)]
    [TestCase("zset-max-ziplist-value", "1.5", NotMemory)]
    [TestCase("hash-max-listpack-value", "9223372036854775808", CountRange)]
    [TestCase("hash-max-listpack-value", "18446744073709551615", CountRange)]
    [TestCase("hash-max-listpack-value", "99999999999999999999kb", CountRange)]
    [TestCase("list-max-listpack-size", "2147483648", IntRange)]
    [TestCase("list-max-listpack-size", "-2147483649", IntRange)]
    [TestCase("list-max-ziplist-size", "abc", NotInteger)]
    [TestCase("list-compress-depth", "-1", DepthRange)]
    [TestCase("list-compress-depth", "x", NotInteger)]
    [TestCase("set-max-intset-entries", "-1", CountRange)]
    [TestCase("zset-max-ziplist-entries", "-3", CountRange)]
    public void Refuses_a_bad_value_in_Redis_words_and_changes_nothing(string name, string value, string reason)
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        var reply = client.Send("CONFIG", "SET", "timeout", "5", name, value);

        Assert.That(reply, Is.EqualTo($"-ERR CONFIG SET failed (possibly related to argument '{name}') - {reason}\r\n"));
        Assert.That(client.Send("CONFIG", "GET", "timeout"), Is.EqualTo(Pair("timeout", "0")));
    }

    [Test]
    public void Names_the_alias_as_it_was_looked_up_in_lower_case()
    {
        using var redis = new RedisHarness();

        var reply = redis.Connect().Send("CONFIG", "SET", "HASH-MAX-ZIPLIST-ENTRIES", "-1");

        Assert.That(reply, Is.EqualTo($"-ERR CONFIG SET failed (possibly related to argument 'hash-max-ziplist-entries') - {CountRange}\r\n"));
    }

    [Test]
    public void A_name_and_its_alias_are_two_parameters_and_the_last_wins()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        var reply = client.Send("CONFIG", "SET", "hash-max-listpack-entries", "1", "hash-max-ziplist-entries", "2");

        Assert.That(reply, Is.EqualTo("+OK\r\n"));
        Assert.That(client.Send("CONFIG", "GET", "hash-max-listpack-entries"), Is.EqualTo(Pair("hash-max-listpack-entries", "2")));
    }

    [Test]
    public void Checks_every_name_before_any_value_as_Redis_does()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        Assert.That(client.Send("CONFIG", "SET", "hash-max-listpack-entries", "1", "hash-max-listpack-entries", "2"),
            Is.EqualTo("-ERR CONFIG SET failed (possibly related to argument 'hash-max-listpack-entries') - duplicate parameter\r\n"));
        Assert.That(client.Send("CONFIG", "SET", "timeout", "x", "FOO", "1"),
            Is.EqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'FOO'\r\n"));
        Assert.That(client.Send("CONFIG", "SET", "timeout", "1", "timeout"), Is.EqualTo("-ERR syntax error\r\n"));
    }

    private static string Pair(string name, string value) => "*2\r\n" + Fields(name, value);

    private static string Fields(string name, string value) => $"${name.Length}\r\n{name}\r\n${value.Length}\r\n{value}\r\n";
}
