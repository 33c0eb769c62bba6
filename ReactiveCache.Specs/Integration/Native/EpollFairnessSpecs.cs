using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Native;

/// <summary>
/// The console server runs socket completions inline, on epoll threads shared by many sockets (two cores: one
/// thread for all of them). A client whose pipeline is expensive must delay only itself.
/// </summary>
[Category("Integration")]
public sealed class EpollFairnessSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task An_expensive_pipeline_on_one_connection_leaves_another_connection_answered()
    {
        var port = FreePort();
        using var server = ServerProcess.Start("--port", port.ToString());
        await server.Ready.WaitAsync(s_timeout);
        var endPoint = new IPEndPoint(IPAddress.Loopback, port);
        await FillReplayBufferAsync(endPoint, changes: 30_000);

        // Each WATCH ... FROM 0 replays the whole buffer: a thousand of them are seconds of work in one read batch.
        using var attacker = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await attacker.ConnectAsync(endPoint);
        var pipeline = string.Concat(Enumerable.Repeat("WATCH nothing:* FROM 0\r\nUNWATCH\r\n", 1_000));
        await attacker.SendAsync(Encoding.ASCII.GetBytes(pipeline));
        await using var bystander = await LineClient.ConnectAsync(endPoint);

        var answer = await bystander.AskAsync("PING").WaitAsync(TimeSpan.FromSeconds(2));

        Assert.That(answer, Is.EqualTo("PONG"), "another connection is still answered within 2 s");
    }

    private static async Task FillReplayBufferAsync(IPEndPoint endPoint, int changes)
    {
        await using var writer = await LineClient.ConnectAsync(endPoint);
        await writer.SendAsync(string.Concat(Enumerable.Range(0, changes).Select(i => $"PUT key:{i} v\r\n")));
        var lines = await writer.ReadLinesAsync(changes);
        Assert.That(lines, Has.All.EqualTo("OK"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
