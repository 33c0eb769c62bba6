using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>CONFIG SET of the request sizes, answered as redis-server 7.0.15 answers the same values.</summary>
public sealed class ConfigRequestLimitSpecs : ReactiveTest
{
    private const string Range = "argument must be between 1048576 and 9223372036854775807 inclusive";
    private const string NotMemory = "argument must be a memory value";

    [TestCase("64mb", null, "67108864")]
    [TestCase("2GB", null, "2147483648")]
    [TestCase("1048576", null, "1048576")]
    [TestCase("9223372036854775807", null, "9223372036854775807")]
    [TestCase("1000", Range, null)]
    [TestCase("1k", Range, null)]
    [TestCase("", Range, null)]
    [TestCase("99999999999999999999999", Range, null)]
    [TestCase("abc", NotMemory, null)]
    [TestCase("-1", NotMemory, null)]
    [TestCase("1.5mb", NotMemory, null)]
    public void Sets_a_size_as_Redis_does(string value, string? error, string? stored)
    {
        foreach (var name in new[] { "client-query-buffer-limit", "proto-max-bulk-len" })
        {
            using var redis = new RedisHarness();
            var client = redis.Connect();

            var reply = client.Send("CONFIG", "SET", name, value);

            Assert.That(reply, Is.EqualTo(error is null ? "+OK\r\n" : $"-ERR CONFIG SET failed (possibly related to argument '{name}') - {error}\r\n"));
            var expected = stored ?? (name == "proto-max-bulk-len" ? "536870912" : "1073741824");
            Assert.That(client.Send("CONFIG", "GET", name), Is.EqualTo($"*2\r\n${name.Length}\r\n{name}\r\n${expected.Length}\r\n{expected}\r\n"));
        }
    }
}
