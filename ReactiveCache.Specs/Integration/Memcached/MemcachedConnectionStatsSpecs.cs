using System.Net;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Memcached;

/// <summary>memcached's stats about connections and traffic, and the key dumps memcdump reads, over real sockets.</summary>
public sealed class MemcachedConnectionStatsSpecs : MemcachedServerSpec
{
    [Test]
    public async Task Stats_count_the_bytes_and_connections_of_what_a_client_did()
    {
        await using var watcher = await LineClient.ConnectAsync(Memcached);
        var before = await StatsAsync(watcher, "stats");
        var request = "set traffic 0 0 5000\r\n" + new string('v', 5000) + "\r\n";

        await using (var client = await LineClient.ConnectAsync(Memcached))
        {
            await client.SendAsync(request);
            Assert.That(await client.ReadLineAsync(), Is.EqualTo("STORED"));
            var during = await StatsAsync(watcher, "stats");
            Assert.That(long.Parse(during["curr_connections"]), Is.EqualTo(long.Parse(before["curr_connections"]) + 1));
            Assert.That(await client.AskAsync("get traffic"), Is.EqualTo("VALUE traffic 0 5000"));
            Assert.That(await client.ReadLinesAsync(2), Is.EqualTo(new[] { new string('v', 5000), "END" }));
        }

        var after = await StatsAsync(watcher, "stats");
        Assert.That(Delta("bytes_read"), Is.GreaterThanOrEqualTo(request.Length + "get traffic\r\n".Length));
        Assert.That(Delta("bytes_written"), Is.GreaterThanOrEqualTo(5000));
        Assert.That(Delta("total_connections"), Is.EqualTo(1));
        Assert.That(Server.Statistics.Memcached.BytesRead, Is.GreaterThanOrEqualTo(long.Parse(after["bytes_read"])));

        long Delta(string name) => long.Parse(after[name]) - long.Parse(before[name]);
    }

    [Test]
    public async Task Stats_conns_lists_each_connection_by_its_real_address()
    {
        await using var idle = await LineClient.ConnectAsync(Memcached);
        await idle.AskAsync("version");
        await using var asking = await LineClient.ConnectAsync(Memcached);

        var conns = await StatsAsync(asking, "stats conns");

        var idleFd = Descriptor(conns, idle.Socket.LocalEndPoint!);
        var askingFd = Descriptor(conns, asking.Socket.LocalEndPoint!);
        Assert.That(conns[$"{idleFd}:listen_addr"], Is.EqualTo($"tcp:127.0.0.1:{Memcached.Port}"));
        Assert.That(conns[$"{idleFd}:state"], Is.EqualTo("conn_read"));
        Assert.That(conns[$"{askingFd}:state"], Is.EqualTo("conn_parse_cmd"));
        Assert.That(conns.Values, Has.Member("conn_listening"));
    }

    [Test]
    public async Task Dumps_every_stored_key_for_memcdump_and_reports_real_figures_to_memcstat()
    {
        var memcdump = DebianPackage.Require("memcdump", "libmemcached-tools");
        var memcstat = DebianPackage.Require("memcstat", "libmemcached-tools");
        Server.Store.Flush();
        var keys = Enumerable.Range(0, 3000).Select(i => $"dump:{i}").ToList();
        keys.ForEach(key => Server.Store.Set(key, "value"));

        var dump = await ExternalProcess.RunAsync(memcdump, ["--servers=" + HostPort], TimeSpan.FromSeconds(60));
        var stats = await ExternalProcess.RunAsync(memcstat, ["--servers=" + HostPort], TimeSpan.FromSeconds(60));

        Assert.That(dump.ExitCode, Is.Zero, dump.ToString());
        Assert.That(dump.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(keys));
        Assert.That(stats.Output, Does.Match(@"\tbytes_read: [1-9]\d*\n"), stats.ToString());
        Assert.That(stats.Output, Does.Match(@"\tcurr_connections: [1-9]\d*\n"), stats.ToString());
        Assert.That(stats.Output, Does.Contain("\tcurr_items: 3000\n"), stats.ToString());
    }

    [Test]
    public async Task Pymemcache_reads_items_slabs_and_conns()
    {
        var python = DebianPackage.RequirePythonModule("pymemcache", "python3-pymemcache");
        Server.Store.Set("pyitem", "1");
        const string script = """
            import sys
            from pymemcache.client.base import Client
            c = Client(('127.0.0.1', int(sys.argv[1])))
            items, conns, slabs = c.stats('items'), c.stats('conns'), c.stats('slabs')
            assert items[b'items:1:number'] >= 1, items
            assert slabs[b'active_slabs'] == 1, slabs
            assert any(v == b'conn_parse_cmd' for v in conns.values()), conns
            print('ok')
            """;

        var run = await ExternalProcess.RunAsync(python, ["-c", script, Memcached.Port.ToString()], TimeSpan.FromSeconds(60));

        Assert.That(run.Output.Trim(), Is.EqualTo("ok"), run.ToString());
    }

    [Test]
    public async Task Answers_hostile_dump_and_stats_requests_and_stays_up()
    {
        Server.Store.Set("hostile", "1");
        await using var client = await LineClient.ConnectAsync(Memcached);

        await client.SendLinesAsync("stats cachedump 1 99999999999");
        var huge = await ReadUntilEndAsync(client);
        var garbage = await client.AskAsync("lru_crawler metadump \u0001garbage");
        var outOfRange = await client.AskAsync("lru_crawler metadump 64");
        var bare = await client.AskAsync("lru_crawler metadump");
        var negative = await client.AskAsync("stats cachedump 1 -1");
        var illegal = await client.AskAsync("stats cachedump 64 0");
        var noLimit = await client.AskAsync("stats cachedump 1");
        var otherClass = await client.AskAsync("stats cachedump 2 0");
        var manyArguments = await client.AskAsync("stats " + string.Join(' ', Enumerable.Range(0, 10_000).Select(i => "x" + i)));

        Assert.That(huge, Has.Member("ITEM hostile [1 b; 0 s]"));
        Assert.That((garbage, outOfRange, bare), Is.EqualTo(("BADCLASS invalid class id", "BADCLASS invalid class id", "ERROR")));
        Assert.That((negative, illegal, noLimit, otherClass), Is.EqualTo((
            "CLIENT_ERROR bad command line format", "CLIENT_ERROR Illegal slab id", "CLIENT_ERROR bad command line", "END")));
        Assert.That(manyArguments, Does.StartWith("ERROR").Or.StartWith("CLIENT_ERROR"));
        await using var other = await LineClient.ConnectAsync(Memcached);
        Assert.That(await other.AskAsync("version"), Does.StartWith("VERSION "));
    }

    [Test]
    public async Task Dumps_in_pages_while_another_client_writes()
    {
        Server.Store.Flush();
        var stable = Enumerable.Range(0, 20_000).Select(i => $"stable:{i}").ToList();
        stable.ForEach(key => Server.Store.Set(key, "v"));
        await using var writer = await LineClient.ConnectAsync(Memcached);
        await using var dumper = await LineClient.ConnectAsync(Memcached);

        var writes = Task.Run(async () =>
        {
            for (var i = 0; i < 2000; i++)
            {
                Assert.That(await writer.AskAsync($"set churn:{i % 50} 0 0 1\r\nx"), Is.EqualTo("STORED"));
            }
        });
        await dumper.SendLinesAsync("lru_crawler metadump all");
        var lines = await ReadUntilEndAsync(dumper);
        await writes;

        // Keys are URL-encoded, as memcached does (':' is %3A).
        var dumped = lines.Select(line => Uri.UnescapeDataString(line.Split(' ')[0]["key=".Length..])).ToHashSet();
        Assert.That(dumped.IsSupersetOf(stable), Is.True);
        Assert.That(lines, Has.All.Match(@"^key=\S+ exp=-?\d+ la=\d+ cas=\d+ fetch=(yes|no) cls=1 size=\d+$"));
        Assert.That(await dumper.AskAsync("version"), Does.StartWith("VERSION "));
    }

    [Test]
    public async Task Honours_a_cachedump_limit_and_restarts_the_traffic_figures_on_stats_reset()
    {
        Enumerable.Range(0, 2000).ToList().ForEach(i => Server.Store.Set($"limited:{i}", "v"));
        await using var client = await LineClient.ConnectAsync(Memcached);

        await client.SendLinesAsync("stats cachedump 1 5");
        var five = await ReadUntilEndAsync(client);
        Assert.That(await client.AskAsync("stats reset"), Is.EqualTo("RESET"));
        var afterReset = await StatsAsync(client, "stats");

        Assert.That(five, Has.Count.EqualTo(5).And.All.Match(@"^ITEM \S+ \[\d+ b; \d+ s\]$"));
        Assert.That(long.Parse(afterReset["bytes_read"]), Is.LessThan(100), "only this request's bytes since the reset");
        Assert.That(long.Parse(afterReset["total_connections"]), Is.Zero);
        Assert.That(Server.Statistics.Memcached.ConnectionsAccepted, Is.GreaterThan(0), "the exporter's counters are never reset");
    }

    private static async Task<List<string>> ReadUntilEndAsync(LineClient client)
    {
        var lines = new List<string>();
        while (await client.ReadLineAsync() is { } line && line != "END")
        {
            lines.Add(line);
        }

        return lines;
    }

    private static async Task<Dictionary<string, string>> StatsAsync(LineClient client, string command)
    {
        await client.SendLinesAsync(command);
        return (await ReadUntilEndAsync(client)).Select(line => line.Split(' ', 3)).ToDictionary(parts => parts[1], parts => parts[2]);
    }

    private static string Descriptor(Dictionary<string, string> conns, EndPoint client)
    {
        var address = $"tcp:127.0.0.1:{((IPEndPoint)client).Port}";
        return conns.Single(pair => pair.Key.EndsWith(":addr", StringComparison.Ordinal) && pair.Value == address).Key.Split(':')[0];
    }
}
