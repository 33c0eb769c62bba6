using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Operations;

[Category("Integration")]
public sealed class PrometheusEndpointSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Serves_the_command_counter_hits_misses_and_connections_in_prometheus_text()
    {
        await using var server = CacheServer.Start(new CacheServerOptions { Port = 0, RespPort = 0, MemcachedPort = 0 });
        using var endpoint = PrometheusEndpoint.Start(server.Metrics, IPAddress.Loopback, FreePort(), durations: true);
        await using var resp = await LineClient.ConnectAsync(server.RespEndPoint!);
        await using var memcached = await LineClient.ConnectAsync(server.MemcachedEndPoint!);
        Assert.That(await resp.AskAsync("SET greeting hello"), Is.EqualTo("+OK"));
        Assert.That(await resp.AskAsync("GET greeting"), Is.EqualTo("$5"));
        Assert.That(await resp.ReadLineAsync(), Is.EqualTo("hello"));
        Assert.That(await memcached.AskAsync("get nothing"), Is.EqualTo("END"));

        var scraped = await ScrapeAsync(endpoint);

        Assert.That(scraped, Does.Contain("reactivecache_reactivecache_commands{command=\"get\",protocol=\"resp\"} 1\n"));
        Assert.That(scraped, Does.Contain("reactivecache_reactivecache_commands{command=\"set\",protocol=\"resp\"} 1\n"));
        Assert.That(scraped, Does.Contain("reactivecache_reactivecache_commands{command=\"get\",protocol=\"memcached\"} 1\n"));
        Assert.That(scraped, Does.Contain("reactivecache_reactivecache_command_duration_count{command=\"get\",protocol=\"resp\"} 1\n"));
        // The RESP GET hit; memcached's get missed.
        Assert.That(scraped, Does.Contain("reactivecache_reactivecache_keyspace_hits 1\n"));
        Assert.That(scraped, Does.Contain("reactivecache_reactivecache_keyspace_misses 1\n"));
        Assert.That(scraped, Does.Contain("reactivecache_reactivecache_connections 2\n"));
        Assert.That(scraped, Does.Contain("reactivecache_reactivecache_keys{db=\"0\"} 1\n"));
    }

    [Test]
    public async Task Keeps_the_cache_ports_answering_while_the_metrics_port_gets_garbage_a_slowloris_and_a_thousand_connections()
    {
        await using var server = CacheServer.Start(new CacheServerOptions { Port = null, RespPort = 0, MemcachedPort = 0 });
        using var endpoint = PrometheusEndpoint.Start(server.Metrics, IPAddress.Loopback, FreePort());
        var hostile = new List<Socket>();
        try
        {
            using (var garbage = await ConnectAsync(endpoint.EndPoint))
            {
                await garbage.SendAsync(new byte[] { 0, 0xff, 0x13, (byte)'\r', (byte)'\n', (byte)'\r', (byte)'\n' });
                var answer = new byte[64];
                var read = await garbage.ReceiveAsync(answer.AsMemory()).AsTask().WaitAsync(s_timeout);
                Assert.That(Encoding.ASCII.GetString(answer, 0, read), Does.StartWith("HTTP/1.1 400"));
            }

            for (var i = 0; i < 1000; i++)
            {
                var slow = await ConnectAsync(endpoint.EndPoint);
                hostile.Add(slow);
                // Half a request, never finished: a slowloris per connection.
                await slow.SendAsync("GET /metrics HTTP/1.1\r\nHost: x\r\n"u8.ToArray());
            }

            await using var resp = await LineClient.ConnectAsync(server.RespEndPoint!);
            await using var memcached = await LineClient.ConnectAsync(server.MemcachedEndPoint!);
            Assert.That(await resp.AskAsync("PING"), Is.EqualTo("+PONG"));
            Assert.That(await memcached.AskAsync("version"), Does.StartWith("VERSION "));
            var scraped = await ScrapeAsync(endpoint);
            Assert.That(scraped, Does.Contain("reactivecache_reactivecache_commands{command=\"ping\",protocol=\"resp\"} 1\n"));
            Assert.That(scraped, Does.Not.Contain("command_duration"), "durations are exported only when asked for");
        }
        finally
        {
            hostile.ForEach(socket => socket.Dispose());
        }
    }

    private static async Task<string> ScrapeAsync(PrometheusEndpoint endpoint)
    {
        using var http = new HttpClient { Timeout = s_timeout };
        return await http.GetStringAsync($"http://{endpoint.EndPoint}/metrics");
    }

    private static async Task<Socket> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint).WaitAsync(s_timeout);
        return socket;
    }

    // HttpListener cannot bind port 0 and say which port it got: the spec asks the system for a free one first.
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
