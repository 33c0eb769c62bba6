using System.Net;
using System.Net.Sockets;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Memcached;

/// <summary>The console server's memcached options, on a real process.</summary>
[Category("Integration")]
public sealed class MemcachedConsoleSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Serves_memcached_on_the_given_port_with_the_given_item_size_limit()
    {
        var port = FreePort();
        using var server = ServerProcess.Start("--port", "0", "--memcached-port", port.ToString(), "--max-item-size", "10");
        await server.Ready.WaitAsync(s_timeout);
        await using (var client = await LineClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)))
        {
            await client.SendAsync("set small 0 0 10\r\n0123456789\r\nset big 0 0 11\r\n0123456789A\r\nversion\r\n");

            Assert.That(await client.ReadLinesAsync(3), Is.EqualTo(new[]
            {
                "STORED", "SERVER_ERROR object too large for cache", "VERSION 1.6.21-reactivecache",
            }));

            server.Signal("TERM");
            Assert.That(await server.ExitCodeAsync(TimeSpan.FromSeconds(5)), Is.Zero, () => server.StandardError + server.StandardOutput);
        }

        Assert.That(server.StandardOutput, Does.Contain($"127.0.0.1:{port}"));
    }

    [Test]
    public async Task Lists_the_memcached_options_in_its_help()
    {
        using var server = ServerProcess.Start("--help");

        Assert.That(await server.ExitCodeAsync(s_timeout), Is.Zero);
        Assert.That(server.StandardOutput, Does.Contain("--memcached-port").And.Contain("--max-item-size"));
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
