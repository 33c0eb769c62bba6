using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>
/// A float argument with a NUL byte in it is refused as strtold refuses it (.NET's parser alone would skip a trailing
/// NUL): a blocking timeout, INCRBYFLOAT, HINCRBYFLOAT.
/// </summary>
public sealed class FloatArgumentSpecs
{
    [TestCase("BLPOP", "q", "1\0", "-ERR timeout is not a float or out of range\r\n")]
    [TestCase("INCRBYFLOAT", "k", "1\0", "-ERR value is not a valid float\r\n")]
    [TestCase("INCRBYFLOAT", "k", "1\02", "-ERR value is not a valid float\r\n")]
    public void A_NUL_byte_makes_a_float_argument_invalid(string command, string key, string number, string expected)
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        Assert.That(client.Send(command, key, number), Is.EqualTo(expected));
        Assert.That(client.Send("PING"), Is.EqualTo("+PONG\r\n"), "the session goes on");
    }

    // Replies of redis-server 7.0.15, whose string2ld reads hexadecimal floats through strtold and refuses 5 KB of digits.
    [TestCase("0x10", "$2\r\n17\r\n")]
    [TestCase("0x1p3", "$1\r\n9\r\n")]
    [TestCase("-0x.8", "$3\r\n0.5\r\n")]
    [TestCase("0x", "-ERR value is not a valid float\r\n")]
    [TestCase("0x1g", "-ERR value is not a valid float\r\n")]
    public void INCRBYFLOAT_reads_hexadecimal_as_strtold_does(string increment, string expected)
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("SET", "k", "1");

        Assert.That(client.Send("INCRBYFLOAT", "k", increment), Is.EqualTo(expected));
    }

    [Test]
    public void A_float_of_5_KB_is_refused()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        Assert.That(client.Send("INCRBYFLOAT", "k", new string('1', 5 * 1024)), Is.EqualTo("-ERR value is not a valid float\r\n"));
    }
}
