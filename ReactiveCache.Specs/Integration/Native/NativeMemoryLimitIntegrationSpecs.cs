using System.Net;
using System.Net.Sockets;
using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Native;

/// <summary>
/// The one memory limit over real sockets, seen from the native protocol: a WATCH sees the evictions memcached writes
/// cause, STATS reports them, PUT is refused under noeviction, and the console server takes the limit and the policy
/// from its command line.
/// </summary>
[Category("Integration")]
public sealed class NativeMemoryLimitIntegrationSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task A_native_watcher_sees_every_eviction_a_memcached_writer_causes()
    {
        const int Sets = 600;
        await using var server = CacheServer.Start(new CacheServerOptions
        {
            Port = 0,
            MemcachedPort = 0,
            RespPort = null,
            Store = new CacheStoreOptions { MaxMemory = 256 * 1024, EvictionPolicy = EvictionPolicy.AllKeysLru },
        });
        await using var watcher = await LineClient.ConnectAsync(server.NativeEndPoint!);
        Assert.That(await watcher.AskAsync("WATCH k*"), Is.EqualTo("WATCHING k* 0"));
        await using var writer = await LineClient.ConnectAsync(server.MemcachedEndPoint!);
        var value = new string('v', 1000);

        await writer.SendAsync(string.Concat(Enumerable.Range(0, Sets).Select(i => $"set k{i} 0 0 1000\r\n{value}\r\n")));
        Assert.That(await writer.ReadLinesAsync(Sets), Is.All.EqualTo("STORED"));
        var evictedKeys = server.Store.EvictedKeys;
        var changes = await watcher.ReadLinesAsync(Sets + (int)evictedKeys);
        await using var reader = await LineClient.ConnectAsync(server.NativeEndPoint!);
        await reader.SendLinesAsync("STATS");
        var stats = await ReadStatsAsync(reader);

        var evicted = changes.Where(line => line!.Split(' ')[2] == "evicted").ToList();
        Assert.That(evictedKeys, Is.Positive);
        Assert.That(evicted, Has.Count.EqualTo(evictedKeys));
        Assert.That(evicted, Is.All.Matches<string>(line => line!.StartsWith("CHANGE ", StringComparison.Ordinal) && line.Split(' ').Length == 4));
        Assert.That(changes.Count(line => line!.Split(' ')[2] == "set"), Is.EqualTo(Sets));
        Assert.That(stats["evicted_keys"], Is.EqualTo(evictedKeys));
        Assert.That(stats["used_memory"], Is.LessThanOrEqualTo(stats["maxmemory"]));
        Assert.That(stats["maxmemory"], Is.EqualTo(256 * 1024));
        Assert.That(stats["replay_memory"], Is.Positive);
    }

    [Test]
    public async Task Refuses_PUT_under_noeviction_while_GET_and_DEL_go_on()
    {
        await using var server = RunningServer.Start(new CacheServerOptions { Store = new CacheStoreOptions { MaxMemory = 16 * 1024 } });
        await using var client = await server.ConnectAsync();
        var value = new string('v', 1000);
        var stored = 0;
        while (await client.AskAsync($"PUT k{stored} {value}") == "OK")
        {
            stored++;
            Assert.That(stored, Is.LessThan(1000), "the store never filled");
        }

        await client.SendLinesAsync("PUT other 1", "GET k0", "DEL k0", "DEL k1", "PUT other 1");

        Assert.That(await client.ReadLinesAsync(5), Is.EqualTo(new[] { "ERR out of memory", $"VALUE {value}", "DELETED", "DELETED", "OK" }));
    }

    [Test]
    public async Task The_console_server_takes_its_limit_and_policy_from_the_command_line()
    {
        var port = FreePort();
        using var server = ServerProcess.Start("--port", port.ToString(), "--maxmemory", "1mb", "--maxmemory-policy", "allkeys-lfu");
        await server.Ready.WaitAsync(s_timeout);
        await using var client = await LineClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));

        await client.SendLinesAsync("STATS");
        var stats = await ReadLinesAsync(client);

        Assert.That(stats, Does.Contain("STAT maxmemory 1048576").And.Contain("STAT maxmemory_policy allkeys-lfu"));
    }

    [Test]
    public async Task The_console_server_names_every_policy_and_exits_2_on_an_unknown_one()
    {
        using var server = ServerProcess.Start("--maxmemory-policy", "lru");

        Assert.That(await server.ExitCodeAsync(s_timeout), Is.EqualTo(2));
        Assert.That(server.StandardError, Does.Contain("--maxmemory-policy: 'lru' is not a policy; use one of noeviction, allkeys-lru, "
            + "volatile-lru, allkeys-lfu, volatile-lfu, allkeys-random, volatile-random, volatile-ttl"));
    }

    private static async Task<Dictionary<string, long>> ReadStatsAsync(LineClient client) =>
        (await ReadLinesAsync(client))
            .Split('\n')
            .Select(line => line.Split(' '))
            .Where(parts => long.TryParse(parts[2], out _))
            .ToDictionary(parts => parts[1], parts => long.Parse(parts[2]));

    private static async Task<string> ReadLinesAsync(LineClient client)
    {
        var lines = new List<string>();
        while (await client.ReadLineAsync() is { } line && line != "END")
        {
            lines.Add(line);
        }

        return string.Join('\n', lines);
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
