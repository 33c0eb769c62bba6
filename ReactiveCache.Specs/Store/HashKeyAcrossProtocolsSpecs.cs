using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// A key holding a hash, met by every memcached (text and meta) and native command: each answers, with a wrong-type
/// error or what it does to any key, and never throws; a read leaves the hash as it was.
/// </summary>
public sealed class HashKeyAcrossProtocolsSpecs
{
    private static readonly string[] s_memcached =
    [
        "get h", "gets h", "gat 0 h", "gats 100 h", "get h k", "set h 0 0 1\r\nx", "add h 0 0 1\r\nx", "replace h 0 0 1\r\nx",
        "append h 0 0 1\r\nx", "prepend h 0 0 1\r\nx", "cas h 0 0 1 1\r\nx", "delete h", "incr h 1", "decr h 1", "touch h 10",
        "mg h", "mg h v c f t s k O1 q", "mg h T30 v", "mg h N30 v", "mg h E5", "ms h 1\r\nx", "ms h 1 MA\r\nx", "ms h 1 MP\r\nx",
        "ms h 1 MR\r\nx", "ms h 1 ME\r\nx", "ms h 1 C1\r\nx", "ms h 1 I\r\nx", "md h", "md h q", "md h I T30", "md h C1", "ma h",
        "ma h MD", "ma h N0 J5 v", "ma h q", "me h", "mn", "stats", "flush_all",
    ];

    private static readonly string[] s_reads = ["get h", "gets h", "gat 0 h", "gats 100 h", "get h k", "mg h", "mg h v c f t s k O1 q", "mg h E5", "me h", "mn", "stats"];

    private static readonly string[] s_native = ["GET h", "PUT h v", "DEL h", "EXPIRE h 10", "TTL h", "PERSIST h", "KEYS *", "KEYS h", "WATCH h*", "UNWATCH", "STATS"];

    [TestCaseSource(nameof(s_memcached))]
    public void Every_memcached_command_answers_a_key_holding_a_hash(string request)
    {
        using var redis = HashAt("h", out var client);
        var memcached = new MemcachedHarness(redis.Store);

        var reply = memcached.Send(request + "\r\n");

        // A quiet meta command (q) may say nothing; everything else answers a line.
        TestContext.Out.WriteLine($"{request.Replace("\r\n", " ")} -> {reply.Replace("\r\n", " | ")}");
        Assert.That(reply, request.EndsWith(" q") ? Is.Empty.Or.EndWith("\r\n") : Does.EndWith("\r\n"), request);
        Assert.That(memcached.Send("mn\r\n"), Is.EqualTo("MN\r\n"), "the session still serves after " + request);
        AssertStillConsistent(client, request, s_reads.Contains(request));
    }

    [TestCaseSource(nameof(s_native))]
    public void Every_native_command_answers_a_key_holding_a_hash(string request)
    {
        using var redis = HashAt("h", out var client);
        using var native = new NativeHarness(store: redis.Store, scheduler: redis.Scheduler);

        var reply = native.Send(request);
        TestContext.Out.WriteLine($"{request} -> {reply.Replace("\r\n", " | ")}");

        Assert.That(reply, Does.EndWith("\r\n"), request);
        Assert.That(native.Send("PING"), Does.EndWith("PONG\r\n"), "the session still serves after " + request);
        AssertStillConsistent(client, request, request is "GET h" or "TTL h" or "KEYS *" or "KEYS h" or "WATCH h*" or "UNWATCH" or "STATS");
    }

    private static RedisHarness HashAt(string key, out RedisHarness.Client client)
    {
        var redis = new RedisHarness();
        client = redis.Connect();
        client.Send("HSET", key, "f", "v", "n", "1");
        return redis;
    }

    // Whatever the command did, the key is a hash, a string or gone, as Redis sees it; a read left the hash alone.
    private static void AssertStillConsistent(RedisHarness.Client client, string request, bool isRead)
    {
        var type = client.Send("TYPE", "h");
        Assert.That(type, Is.AnyOf("+hash\r\n", "+string\r\n", "+none\r\n"), request);
        if (isRead)
        {
            Assert.That(client.Send("HGETALL", "h"), Is.EqualTo("*4\r\n$1\r\nf\r\n$1\r\nv\r\n$1\r\nn\r\n$1\r\n1\r\n"), request);
        }
        else if (type == "+hash\r\n")
        {
            Assert.That(client.Send("HLEN", "h"), Is.EqualTo(":2\r\n"), request);
        }
        else if (type == "+string\r\n")
        {
            Assert.That(client.Send("GET", "h"), Does.StartWith("$"), request);
        }
    }
}
