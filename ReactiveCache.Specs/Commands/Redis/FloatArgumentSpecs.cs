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
}
