using System.Text.Json;
using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Memcached;

/// <summary>
/// The one memory limit over real memcached sockets: pymemcache filling an allkeys-lru store keeps its hot keys and
/// sees <c>evictions</c> counted; noeviction refuses in memcached's words while reads and deletes go on; concurrent
/// writers never leave the store over its limit.
/// </summary>
[Category("Integration")]
public sealed class MemcachedMemoryLimitIntegrationSpecs
{
    private const int ValueBytes = 1000;

    private static CacheServer Start(EvictionPolicy policy, long maxMemory) =>
        CacheServer.Start(new CacheServerOptions
        {
            Port = null,
            MemcachedPort = 0,
            RespPort = null,
            Store = new CacheStoreOptions { MaxMemory = maxMemory, EvictionPolicy = policy },
        });

    [Test]
    public async Task Pymemcache_filling_an_allkeys_lru_store_keeps_its_hot_keys_and_sees_evictions_counted()
    {
        var python = DebianPackage.RequirePythonModule("pymemcache", "python3-pymemcache");
        var script = Path.Combine(TestContext.CurrentContext.TestDirectory, "Integration", "Memcached", "pymemcache_eviction.py");
        await using var server = Start(EvictionPolicy.AllKeysLru, 2 * 1024 * 1024);

        // 10 MB of values into a 2 MB limit, 20 hot keys read after every ten writes.
        var run = await ExternalProcess.RunAsync(
            python, [script, server.MemcachedEndPoint!.Port.ToString(), "10000", "20", ValueBytes.ToString()], TimeSpan.FromSeconds(120));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var report = JsonDocument.Parse(run.Output);
        var stats = report.RootElement.GetProperty("stats");
        long Stat(string name) => long.Parse(stats.GetProperty(name).GetString()!);
        Assert.That(report.RootElement.GetProperty("refused").GetInt32(), Is.Zero);
        Assert.That(report.RootElement.GetProperty("hot_kept").GetInt32(), Is.GreaterThanOrEqualTo(18), "at least 90% of the hot keys");
        Assert.That(Stat("limit_maxbytes"), Is.EqualTo(2 * 1024 * 1024));
        Assert.That(Stat("bytes"), Is.LessThanOrEqualTo(Stat("limit_maxbytes")).And.Positive);
        Assert.That(Stat("evictions"), Is.Positive.And.EqualTo(server.Store.EvictedKeys));
        Assert.That(Stat("curr_items") + Stat("evictions"), Is.EqualTo(10_020));
    }

    [Test]
    public async Task Refuses_storage_under_noeviction_in_memcacheds_words_while_reads_and_deletes_go_on()
    {
        await using var server = Start(EvictionPolicy.NoEviction, 64 * 1024);
        await using var client = await LineClient.ConnectAsync(server.MemcachedEndPoint!);
        var value = new string('v', ValueBytes);
        await Ask(client, "set n 0 0 1\r\n5\r\n");
        var stored = 0;
        while (await Ask(client, $"set k{stored} 0 0 {ValueBytes}\r\n{value}\r\n") == "STORED")
        {
            stored++;
            Assert.That(stored, Is.LessThan(1000), "the store never filled");
        }

        // New keys first: a refused set of a key that exists drops its value, which frees room.
        await client.SendAsync("set fresh 0 0 1 noreply\r\na\r\nms fresh 1 q\r\na\r\nincr n 1\r\nget n k0\r\nset k0 0 0 1\r\na\r\nget k0\r\n");
        var replies = await client.ReadLinesAsync(9);
        await client.SendAsync("delete k1\r\ndelete k2\r\nset again 0 0 1\r\na\r\nstats\r\n");
        var afterDeletes = await client.ReadLinesAsync(3);

        Assert.That(stored, Is.Positive);
        Assert.That(replies, Is.EqualTo(new[]
        {
            "SERVER_ERROR out of memory storing object", "SERVER_ERROR out of memory",
            "VALUE n 0 1", "5", "VALUE k0 0 1000", value, "END",
            "SERVER_ERROR out of memory storing object", "END",
        }), "the noreply set is silent, the quiet ms is not, and a refused set drops the old value");
        Assert.That(afterDeletes, Is.EqualTo(new[] { "DELETED", "DELETED", "STORED" }));
        Assert.That(await ReadStatsAsync(client), Does.Contain("store_no_memory 4").And.Contain("limit_maxbytes 65536").And.Contain("evictions 0"));
    }

    [Test]
    public async Task Eight_concurrent_writers_never_leave_the_store_over_its_limit()
    {
        const int Writers = 8, Sets = 400, Pipeline = 40;
        await using var server = Start(EvictionPolicy.AllKeysLru, 1024 * 1024);
        var value = new string('v', ValueBytes);

        var replies = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async writer =>
        {
            await using var client = await LineClient.ConnectAsync(server.MemcachedEndPoint!);
            var answers = new List<string?>();
            for (var batch = 0; batch < Sets / Pipeline; batch++)
            {
                await client.SendAsync(string.Concat(Enumerable.Range(0, Pipeline).Select(i => $"set w{writer}:{(batch * Pipeline) + i} 0 0 {ValueBytes}\r\n{value}\r\n")));
                answers.AddRange(await client.ReadLinesAsync(Pipeline));
            }

            return answers;
        }));

        Assert.That(replies.SelectMany(answers => answers), Is.All.EqualTo("STORED"));
        Assert.That(server.Store.UsedMemory, Is.LessThanOrEqualTo(server.Store.MaxMemory));
        Assert.That(server.Store.EvictedKeys, Is.Positive);
        Assert.That(server.Store.Count + server.Store.EvictedKeys, Is.EqualTo(Writers * Sets));
    }

    private static async Task<string?> Ask(LineClient client, string request)
    {
        await client.SendAsync(request);
        return await client.ReadLineAsync();
    }

    private static async Task<string> ReadStatsAsync(LineClient client)
    {
        var lines = new List<string>();
        while (await client.ReadLineAsync() is { } line && line != "END")
        {
            lines.Add(line);
        }

        return string.Join('\n', lines);
    }
}
