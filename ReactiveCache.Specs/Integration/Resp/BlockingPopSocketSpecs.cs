using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>
/// BLPOP over real sockets: a blocked client is woken by another connection's RPUSH, by an in-process write and by
/// MULTI/EXEC (only once EXEC ends), its pipelined commands answer after it, and many blocked clients are served in
/// the order they blocked.
/// </summary>
[Category("Integration")]
public sealed class BlockingPopSocketSpecs
{
    private static string Command(params string[] words) =>
        $"*{words.Length}\r\n" + string.Concat(words.Select(word => $"${System.Text.Encoding.UTF8.GetByteCount(word)}\r\n{word}\r\n"));

    private static string Popped(string key, string element) => $"*2\r\n${key.Length}\r\n{key}\r\n${element.Length}\r\n{element}\r\n";

    // The signal that a client's BLPOP has blocked: the server counts it in INFO's blocked_clients (a round trip each).
    private static async Task BlockedClientsAsync(RawRespClient observer, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            deadline.Token.ThrowIfCancellationRequested();
            await observer.SendAsync(Command("INFO", "clients"));
            var info = await observer.ReceiveBulkAsync();
            if (info!.Contains($"blocked_clients:{count}\r\n", StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    [Test]
    public async Task A_blocked_BLPOP_is_woken_by_an_RPUSH_from_another_connection_and_its_next_command_follows()
    {
        await using var server = RespServer.Start();
        await using var waiter = await RawRespClient.ConnectAsync(server.EndPoint);
        await using var pusher = await RawRespClient.ConnectAsync(server.EndPoint);

        await waiter.SendAsync(Command("BLPOP", "jobs", "0") + Command("PING"));
        await BlockedClientsAsync(pusher, 1);
        await pusher.SendAsync(Command("RPUSH", "jobs", "resize"));
        Assert.That(await pusher.ReceiveAsync(":1\r\n"), Is.EqualTo(":1\r\n"), "RPUSH answers the length it made, before the pop");

        var expected = Popped("jobs", "resize") + "+PONG\r\n";
        Assert.That(await waiter.ReceiveAsync(expected), Is.EqualTo(expected));
        await pusher.SendAsync(Command("LLEN", "jobs"));
        Assert.That(await pusher.ReceiveAsync(":0\r\n"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public async Task A_blocked_BLPOP_is_woken_by_an_in_process_write()
    {
        await using var server = RespServer.Start();
        await using var waiter = await RawRespClient.ConnectAsync(server.EndPoint);
        await using var observer = await RawRespClient.ConnectAsync(server.EndPoint);

        await waiter.SendAsync(Command("BLPOP", "jobs", "5"));
        await BlockedClientsAsync(observer, 1);
        server.Server.Store.PushRight("jobs", "from-the-store");

        var expected = Popped("jobs", "from-the-store");
        Assert.That(await waiter.ReceiveAsync(expected), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_push_inside_MULTI_serves_the_blocked_client_only_when_EXEC_ends()
    {
        await using var server = RespServer.Start();
        await using var waiter = await RawRespClient.ConnectAsync(server.EndPoint);
        await using var pusher = await RawRespClient.ConnectAsync(server.EndPoint);

        await waiter.SendAsync(Command("BLPOP", "jobs", "0"));
        await BlockedClientsAsync(pusher, 1);
        await pusher.SendAsync(Command("MULTI") + Command("RPUSH", "jobs", "a") + Command("LLEN", "jobs") + Command("EXEC"));

        var exec = "+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n:1\r\n:1\r\n";
        Assert.That(await pusher.ReceiveAsync(exec), Is.EqualTo(exec), "inside EXEC the element is still there");
        var expected = Popped("jobs", "a");
        Assert.That(await waiter.ReceiveAsync(expected), Is.EqualTo(expected));
    }

    [Test]
    public async Task Many_clients_blocked_on_one_key_are_served_in_the_order_they_blocked()
    {
        await using var server = RespServer.Start();
        await using var pusher = await RawRespClient.ConnectAsync(server.EndPoint);
        var waiters = new List<RawRespClient>();
        try
        {
            for (var i = 0; i < 5; i++)
            {
                var waiter = await RawRespClient.ConnectAsync(server.EndPoint);
                waiters.Add(waiter);
                await waiter.SendAsync(Command("BLPOP", "jobs", "0"));
                await BlockedClientsAsync(pusher, i + 1);
            }

            await pusher.SendAsync(Command("RPUSH", "jobs", "e0", "e1", "e2", "e3", "e4"));
            for (var i = 0; i < 5; i++)
            {
                var expected = Popped("jobs", $"e{i}");
                Assert.That(await waiters[i].ReceiveAsync(expected), Is.EqualTo(expected), $"client {i}");
            }
        }
        finally
        {
            foreach (var waiter in waiters)
            {
                await waiter.DisposeAsync();
            }
        }
    }
}
