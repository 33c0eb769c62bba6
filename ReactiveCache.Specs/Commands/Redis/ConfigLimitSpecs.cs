using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

public sealed class ConfigLimitSpecs
{
    [Test]
    public void Timeout_and_maxclients_are_read_and_changed_while_running()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        var before = client.Send("CONFIG", "GET", "timeout");
        var set = client.Send("CONFIG", "SET", "timeout", "300", "maxclients", "50");

        Assert.That(before, Is.EqualTo("*2\r\n$7\r\ntimeout\r\n$1\r\n0\r\n"));
        Assert.That(set, Is.EqualTo("+OK\r\n"));
        Assert.That(redis.Server.Config.Settings.Limits.Timeout, Is.EqualTo(TimeSpan.FromSeconds(300)));
        Assert.That(redis.Server.Config.Settings.Limits.MaxClients, Is.EqualTo(50));
        Assert.That(client.Send("CONFIG", "GET", "maxclients"), Is.EqualTo("*2\r\n$10\r\nmaxclients\r\n$2\r\n50\r\n"));
        Assert.That(client.Send("INFO", "clients"), Does.Contain("maxclients:50\r\n"));
    }

    [Test]
    public void Output_buffer_limits_and_maxmemory_clients_are_read_and_changed_in_redis_format()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        var set = client.Send("CONFIG", "SET", "client-output-buffer-limit", "pubsub 64mb 16mb 30", "maxmemory-clients", "512mb");

        Assert.That(set, Is.EqualTo("+OK\r\n"));
        Assert.That(client.Send("CONFIG", "GET", "client-output-buffer-limit"), Does.Contain("pubsub 67108864 16777216 30"));
        Assert.That(client.Send("CONFIG", "GET", "maxmemory-clients"), Does.Contain("536870912"));
        Assert.That(redis.Server.Config.Settings.Limits.OutputLimitFor(subscriber: true).SoftDuration, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [TestCase("timeout", "-1", "argument must be between 0 and 2147483647 inclusive")]
    [TestCase("timeout", "abc", "argument couldn't be parsed into an integer")]
    [TestCase("timeout", "99999999999", "argument must be between 0 and 2147483647 inclusive")]
    [TestCase("maxclients", "0", "argument must be between 1 and 2147483647 inclusive")]
    [TestCase("maxclients", "", "argument couldn't be parsed into an integer")]
    [TestCase("maxmemory-clients", "lots", "argument must be a memory value")]
    [TestCase("client-output-buffer-limit", "pubsub 1 2", "Wrong number of arguments in buffer limit configuration.")]
    public void Refuses_bad_values_with_redis_errors_and_changes_nothing(string name, string value, string reason)
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        var reply = client.Send("CONFIG", "SET", "hash-max-listpack-entries", "7", name, value);

        Assert.That(reply, Is.EqualTo($"-ERR CONFIG SET failed (possibly related to argument '{name}') - {reason}\r\n"));
        Assert.That(redis.Server.Config.Settings.Limits.Timeout, Is.EqualTo(TimeSpan.Zero));
        Assert.That(redis.Server.EncodingLimits.HashMaxListpackEntries, Is.EqualTo(512));
    }
}
