using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using ReactiveCache.Specs.Support;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.ScaleOut;

/// <summary>
/// twemproxy (nutcracker) in front of three ReactiveCache nodes, one Redis pool and one memcached pool, as
/// docs/scale-out.md configures it: keys spread by consistent hashing, real clients through the proxy, and a node that
/// goes down is ejected and used again once it is back.
/// </summary>
[Category("Integration")]
public sealed class TwemproxySpecs
{
    private const string SbinNutcracker = "/usr/sbin/nutcracker";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);
    private readonly List<TwemproxyNode> _nodes = [];
    private Twemproxy _proxy = null!;
    private ConnectionMultiplexer? _redis;

    [SetUp]
    public async Task Start()
    {
        // Debian installs it in /usr/sbin, which a user's PATH may not include.
        var nutcracker = DebianPackage.Require(File.Exists(SbinNutcracker) ? SbinNutcracker : "nutcracker", "nutcracker");
        _nodes.AddRange(Enumerable.Range(0, 3).Select(_ => TwemproxyNode.Start()));
        _proxy = await Twemproxy.StartAsync(nutcracker, [.. _nodes.Select(node => node.RespEndPoint)], [.. _nodes.Select(node => node.MemcachedEndPoint)], s_timeout);
        // StackExchange.Redis keeps to the commands twemproxy forwards only when told it talks to one.
        _redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { _proxy.RedisEndPoint },
            Proxy = Proxy.Twemproxy,
            AbortOnConnectFail = false,
        });
    }

    [TearDown]
    public async Task Stop()
    {
        // Also after a SetUp that skipped the spec (no nutcracker) or failed half way.
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
            _redis = null;
        }

        _proxy?.Dispose();
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        // NUnit runs every spec of a fixture on one instance.
        _nodes.Clear();
    }

    [Test]
    public async Task Redis_clients_read_and_write_through_the_proxy_and_the_keys_spread_over_the_three_nodes()
    {
        var db = _redis!.GetDatabase();
        var keys = Enumerable.Range(0, 300).Select(index => (RedisKey)$"user:{index}").ToArray();

        await Task.WhenAll(keys.Select(key => db.StringSetAsync(key, $"value of {key}")));

        Assert.That(_nodes.Select(node => node.Count("user:*")), Has.All.GreaterThan(30), "each node holds a share");
        Assert.That(_nodes.Sum(node => node.Count("user:*")), Is.EqualTo(300), "and no key is on two");
        var values = await Task.WhenAll(keys.Select(key => db.StringGetAsync(key)));
        Assert.That(values.Select(value => (string?)value), Is.EqualTo(keys.Select(key => $"value of {key}")));
        Assert.That(await db.StringIncrementAsync("visits", 5), Is.EqualTo(5));
        Assert.That(await db.KeyExpireAsync("user:1", TimeSpan.FromMinutes(1)), Is.True);
        Assert.That(await db.KeyTimeToLiveAsync("user:1"), Is.GreaterThan(TimeSpan.FromSeconds(50)));
        await db.HashSetAsync("profile:ada", [new("name", "Ada"), new("born", "1815")]);
        Assert.That((string?)await db.HashGetAsync("profile:ada", "born"), Is.EqualTo("1815"));
        Assert.That(await db.KeyDeleteAsync("user:2"), Is.True);

        var cli = DebianPackage.Require("redis-cli", "redis-tools");
        var port = _proxy.RedisEndPoint.Port.ToString();
        // MGET's keys live on several nodes: the proxy splits it and puts the replies back in order. (StackExchange.Redis
        // refuses to send a multi-key command to a proxy unless the keys share a hash tag, so redis-cli sends this one.)
        var run = await ExternalProcess.RunAsync(cli, ["-p", port], s_timeout, input: "SET from-cli yes\nGET user:3\nGET user:2\nMGET user:4 user:5\n");
        Assert.That(run.Output.TrimEnd('\n').Split('\n'),
            Is.EqualTo(new[] { "OK", "value of user:3", "", "value of user:4", "value of user:5" }), run.ToString());
        Assert.That((string?)await db.StringGetAsync("from-cli"), Is.EqualTo("yes"));
    }

    [Test]
    public async Task Memcached_clients_read_and_write_through_the_proxy_and_the_keys_spread_over_the_three_nodes()
    {
        var python = DebianPackage.RequirePythonModule("pymemcache", "python3-pymemcache");
        const string script = """
            import sys
            from pymemcache.client.base import Client
            client = Client(("127.0.0.1", int(sys.argv[1])), connect_timeout=10, timeout=10)
            keys = ["item:%d" % i for i in range(300)]
            assert client.set_many({key: ("value of " + key).encode() for key in keys}) == []
            values = client.get_many(keys)
            assert all(values[key] == ("value of " + key).encode() for key in keys), values
            assert client.add("counter", b"10")
            assert client.incr("counter", 5) == 15
            assert client.decr("counter", 3) == 12
            value, token = client.gets("item:7")
            assert client.cas("item:7", b"swapped", token)
            assert client.get("item:7") == b"swapped"
            assert client.delete("item:8", noreply=False)
            assert client.get("item:8") is None
            assert client.touch("item:9", 60, noreply=False)
            print("ok")
            """;

        var run = await ExternalProcess.RunAsync(python, ["-c", script, _proxy.MemcachedEndPoint.Port.ToString()], s_timeout);

        Assert.That(run.Output.Trim(), Is.EqualTo("ok"), run.ToString());
        Assert.That(_nodes.Select(node => node.Count("item:*")), Has.All.GreaterThan(30), "each node holds a share");
        Assert.That(_nodes.Sum(node => node.Count("item:*")), Is.EqualTo(299), "300 set, one deleted, none on two nodes");
        Assert.That(await MemcachedAsync(_proxy.MemcachedEndPoint, "get item:7\r\n", "END\r\n"), Is.EqualTo("VALUE item:7 0 7\r\nswapped\r\nEND\r\n"));
    }

    [Test]
    public async Task A_node_that_goes_down_is_ejected_its_keys_go_to_the_others_and_it_is_used_again_once_back()
    {
        var db = _redis!.GetDatabase();
        var keys = Enumerable.Range(0, 60).Select(index => $"job:{index}").ToArray();
        await Task.WhenAll(keys.Select(key => db.StringSetAsync(key, "before")));
        foreach (var key in keys)
        {
            Assert.That(await MemcachedAsync(_proxy.MemcachedEndPoint, $"set m{key} 0 0 6\r\nbefore\r\n", "\r\n"), Is.EqualTo("STORED\r\n"));
        }

        var down = _nodes[1];
        var redisKey = keys.First(key => down.Store.Get(key) is not null);
        var memcachedKey = "m" + keys.First(key => down.Store.Get("m" + key) is not null);
        var others = _nodes.Where(node => node != down).ToArray();

        await down.StopAsync();

        // The first requests for its keys may fail (the proxy reports the refused connection); once it is ejected they
        // are hashed over the two nodes left.
        var redisErrors = new List<string>();
        await Eventually.ThatAsync(async () => await TrySetAsync(db, redisKey, "while down", redisErrors), s_timeout, () => string.Join("; ", redisErrors) + _proxy.Log);
        Assert.That(others.Count(node => node.Store.Get(redisKey) == "while down"), Is.EqualTo(1), string.Join("; ", redisErrors));
        Assert.That((string?)await db.StringGetAsync(redisKey), Is.EqualTo("while down"));
        var memcachedReplies = new List<string>();
        await Eventually.ThatAsync(async () => await TryMemcachedSetAsync(memcachedKey, "down", memcachedReplies), s_timeout, () => string.Join("; ", memcachedReplies) + _proxy.Log);
        Assert.That(others.Count(node => node.Store.Get(memcachedKey) == "down"), Is.EqualTo(1), string.Join("; ", memcachedReplies));

        down.Restart();

        // After server_retry_timeout the proxy tries the node again, finds it up and hashes its keys to it once more.
        await Eventually.ThatAsync(async () => await TrySetAsync(db, redisKey, "back", redisErrors) && down.Store.Get(redisKey) == "back", s_timeout, () => string.Join("; ", redisErrors) + _proxy.Log);
        await Eventually.ThatAsync(async () => await TryMemcachedSetAsync(memcachedKey, "back", memcachedReplies) && down.Store.Get(memcachedKey) == "back", s_timeout, () => string.Join("; ", memcachedReplies) + _proxy.Log);
        TestContext.Out.WriteLine($"while node2 was down or coming back: Redis errors [{string.Join("; ", redisErrors)}], memcached replies [{string.Join("; ", memcachedReplies)}]");
        Assert.That((string?)await db.StringGetAsync(redisKey), Is.EqualTo("back"));
        Assert.That(await MemcachedAsync(_proxy.MemcachedEndPoint, $"get {memcachedKey}\r\n", "END\r\n"), Is.EqualTo($"VALUE {memcachedKey} 0 4\r\nback\r\nEND\r\n"));
    }

    private static async Task<bool> TrySetAsync(IDatabase db, string key, string value, List<string> errors)
    {
        try
        {
            return await db.StringSetAsync(key, value);
        }
        catch (RedisException error)
        {
            errors.Add(error.Message);
            return false;
        }
    }

    private async Task<bool> TryMemcachedSetAsync(string key, string value, List<string> replies)
    {
        var reply = await MemcachedAsync(_proxy.MemcachedEndPoint, $"set {key} 0 0 {value.Length}\r\n{value}\r\n", "\r\n");
        replies.Add(reply.TrimEnd());
        return reply == "STORED\r\n";
    }

    /// <summary>memcached's text protocol by hand, one connection per request: what <c>printf ... | nc</c> does.</summary>
    private static async Task<string> MemcachedAsync(IPEndPoint endPoint, string request, string lastLineEnd)
    {
        using var client = new TcpClient();
        using var deadline = new CancellationTokenSource(s_timeout);
        await client.ConnectAsync(endPoint, deadline.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), deadline.Token);
        var reply = new StringBuilder();
        var buffer = new byte[4096];
        while (!reply.ToString().EndsWith(lastLineEnd, StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, deadline.Token);
            if (read == 0)
            {
                break;
            }

            reply.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return reply.ToString();
    }
}
