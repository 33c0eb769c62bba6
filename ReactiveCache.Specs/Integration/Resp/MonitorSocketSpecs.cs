using System.Net.Sockets;
using NUnit.Framework;
using ReactiveCache.Commands;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>MONITOR over real sockets: what a monitor sees, what it does not, and a monitor that does not read.</summary>
[Category("Integration")]
public sealed class MonitorSocketSpecs
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Shows_another_clients_commands_quoted_as_Redis_quotes_them()
    {
        await using var server = RespServer.Start();
        await using var monitor = await RawRespClient.ConnectAsync(server.EndPoint);
        await using var other = await RawRespClient.ConnectAsync(server.EndPoint);
        await monitor.SendAsync("MONITOR\r\n");
        Assert.That(await monitor.ReceiveLineAsync(), Is.EqualTo("+OK"));

        await other.SendAsync("*3\r\n$3\r\nSET\r\n$3\r\nk y\r\n$4\r\na\"\n\xff\r\n");
        Assert.That(await other.ReceiveLineAsync(), Is.EqualTo("+OK"));
        await other.SendAsync("CONFIG GET maxmemory\r\nGET k\r\n");
        var line = await monitor.ReceiveLineAsync();
        var next = await monitor.ReceiveLineAsync();

        Assert.That(line, Does.Match(@"^\+\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] ""SET"" ""k y"" ""a\\""\\n\\xff""$"));
        Assert.That(next, Does.Match(@"^\+\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] ""GET"" ""k""$"), "CONFIG is an administrative command, not shown");
    }

    [Test]
    public async Task Stops_monitoring_at_RESET()
    {
        await using var server = RespServer.Start();
        await using var monitor = await RawRespClient.ConnectAsync(server.EndPoint);
        await using var other = await RawRespClient.ConnectAsync(server.EndPoint);
        await monitor.SendAsync("MONITOR\r\n");
        Assert.That(await monitor.ReceiveLineAsync(), Is.EqualTo("+OK"));

        await monitor.SendAsync("RESET\r\n");
        string line;
        do
        {
            line = await monitor.ReceiveLineAsync();
        }
        while (line != "+RESET");

        await other.SendAsync("SET after reset\r\n");
        Assert.That(await other.ReceiveLineAsync(), Is.EqualTo("+OK"));
        await monitor.SendAsync("PING\r\n");

        Assert.That(await monitor.ReceiveLineAsync(), Is.EqualTo("+PONG"), "no monitor line after RESET");
    }

    [Test]
    public async Task Redacts_the_password_of_AUTH()
    {
        await using var server = RespServer.Start(requirePass: "sesame");
        await using var monitor = await RawRespClient.ConnectAsync(server.EndPoint);
        await using var other = await RawRespClient.ConnectAsync(server.EndPoint);
        await monitor.SendAsync("AUTH sesame\r\nMONITOR\r\n");
        Assert.That(await monitor.ReceiveLineAsync(), Is.EqualTo("+OK"));
        Assert.That(await monitor.ReceiveLineAsync(), Is.EqualTo("+OK"));

        await other.SendAsync("AUTH default sesame\r\n");
        Assert.That(await other.ReceiveLineAsync(), Is.EqualTo("+OK"));
        var line = await monitor.ReceiveLineAsync();

        Assert.That(line, Does.EndWith(@"""AUTH"" ""(redacted)"" ""(redacted)"""));
        Assert.That(line, Does.Not.Contain("sesame"));
    }

    [Test]
    public async Task Is_an_observable_on_the_server()
    {
        await using var server = RespServer.Start();
        var seen = new TaskCompletionSource<MonitoredCommand>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = server.Server.Monitor.Subscribe(
            command => seen.TrySetResult(command), error => seen.TrySetException(error), () => { });
        await using var client = await RawRespClient.ConnectAsync(server.EndPoint);

        await client.SendAsync("SELECT 2\r\nPING\r\n");
        await client.ReceiveAsync("+OK\r\n+PONG\r\n");
        var command = await seen.Task.WaitAsync(s_wait);

        Assert.That(command.Database, Is.EqualTo(2), "shown after it ran, as Redis 7.0 feeds monitors at the end of call()");
        Assert.That(command.Arguments.Select(argument => System.Text.Encoding.ASCII.GetString(argument.Span)), Is.EqualTo(new[] { "SELECT", "2" }));
        Assert.That(command.Client, Does.StartWith("127.0.0.1:"));
    }

    [Test]
    public async Task Shows_the_commands_of_EXEC_after_the_store_lock_is_released_in_the_order_they_ran()
    {
        await using var server = RespServer.Start();
        var seen = new List<(string Command, bool OtherThreadCouldRead)>();
        var execShown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = server.Server.Monitor.Subscribe(command =>
        {
            var name = System.Text.Encoding.ASCII.GetString(command.Arguments[0].Span);
            // Under the EXEC's store lock another thread's read would wait; after it, the read goes through.
            seen.Add((name, Task.Run(() => server.Server.Store.Count).Wait(TimeSpan.FromSeconds(10))));
            if (name == "EXEC")
            {
                execShown.TrySetResult();
            }
        });
        await using var client = await RawRespClient.ConnectAsync(server.EndPoint);

        await client.SendAsync("MULTI\r\nSET a 1\r\nINCR a\r\nEXEC\r\n");
        await client.ReceiveAsync("+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n+OK\r\n:2\r\n");
        await execShown.Task.WaitAsync(s_wait);

        Assert.That(seen, Is.EqualTo(new[] { ("MULTI", true), ("SET", true), ("INCR", true), ("EXEC", true) }));
    }

    [Test]
    public async Task Disconnects_a_monitor_that_does_not_read_without_holding_up_the_writer()
    {
        await using var server = RespServer.Start();
        await using var writer = await RawRespClient.ConnectAsync(server.EndPoint);
        await writer.SendAsync("CONFIG SET client-output-buffer-limit \"pubsub 256kb 0 0\"\r\n");
        Assert.That(await writer.ReceiveLineAsync(), Is.EqualTo("+OK"));
        using var stalled = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await stalled.ConnectAsync(server.EndPoint);
        await stalled.SendAsync("MONITOR\r\n"u8.ToArray());

        // 64 MB of monitor lines: far past the limit and the socket buffers; the writer gets every reply regardless.
        var value = new string('x', 1024 * 1024);
        for (var i = 0; i < 64; i++)
        {
            await writer.SendAsync($"*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n${value.Length}\r\n{value}\r\n");
            Assert.That(await writer.ReceiveLineAsync(), Is.EqualTo("+OK"));
        }

        Assert.That(await ClosedByServer(stalled), Is.True, "the monitor over its limit is still connected");
        await writer.SendAsync("PING\r\n");
        Assert.That(await writer.ReceiveLineAsync(), Is.EqualTo("+PONG"));
    }

    // Reads what the kernel kept of the dropped monitor's output until the end of the stream (or a reset).
    private static async Task<bool> ClosedByServer(Socket socket)
    {
        using var deadline = new CancellationTokenSource(s_wait);
        var buffer = new byte[64 * 1024];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token) > 0)
            {
            }

            return true;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
