using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Networking;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Native;

[Category("Integration")]
public sealed class NativeServerSpecs
{
    [Test]
    public async Task Serves_fifty_concurrent_clients_a_thousand_operations_each_on_their_own_keys()
    {
        await using var server = RunningServer.Start();

        var failures = await Task.WhenAll(Enumerable.Range(0, 50).Select(async client =>
        {
            await using var connection = await server.ConnectAsync();
            var wrong = new List<string>();
            for (var op = 0; op < 250; op++)
            {
                var key = $"client{client}:key{op % 10}";
                await connection.SendLinesAsync($"PUT {key} value-{client}-{op}", $"GET {key}", $"DEL {key}", $"GET {key}");
                var replies = await connection.ReadLinesAsync(4);
                if (!replies.SequenceEqual(["OK", $"VALUE value-{client}-{op}", "DELETED", "NOT_FOUND"]))
                {
                    wrong.Add($"{key}: {string.Join(" | ", replies)}");
                }
            }

            return wrong;
        }));

        Assert.That(failures.SelectMany(wrong => wrong), Is.Empty);
        Assert.That(server.Store.LastSequence, Is.EqualTo(50 * 250 * 2));
    }

    [Test]
    public async Task Answers_ten_thousand_commands_pipelined_in_one_write_in_order()
    {
        await using var server = RunningServer.Start();
        await using var client = await server.ConnectAsync();
        var commands = Enumerable.Range(0, 5_000).SelectMany(i => new[] { $"PUT k{i} v{i}", $"GET k{i}" });

        await client.SendAsync(string.Concat(commands.Select(command => command + "\r\n")));
        var replies = await client.ReadLinesAsync(10_000);

        var expected = Enumerable.Range(0, 5_000).SelectMany(i => new[] { "OK", $"VALUE v{i}" });
        Assert.That(replies, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_watcher_sees_every_change_exactly_once_in_sequence_order_while_eight_writers_hammer()
    {
        await using var server = RunningServer.Start();
        await using var watcher = await server.ConnectAsync();
        var watching = await watcher.AskAsync("WATCH *");
        const int writes = 500;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async writer =>
        {
            await using var connection = await server.ConnectAsync();
            await connection.SendAsync(string.Concat(Enumerable.Range(0, writes).Select(i => $"PUT w{writer}:{i % 20} {i}\r\n")));
            await connection.ReadLinesAsync(writes);
        }));
        var changes = await watcher.ReadLinesAsync(8 * writes);

        var sequences = changes.Select(line => long.Parse(line!.Split(' ')[1])).ToList();
        Assert.That(watching, Is.EqualTo("WATCHING * 0"));
        Assert.That(changes, Has.All.StartWith("CHANGE "));
        Assert.That(sequences, Is.EqualTo(Enumerable.Range(1, 8 * writes).Select(i => (long)i)));
    }

    [Test]
    public async Task Gives_every_bad_input_its_documented_reply_and_keeps_serving_everyone()
    {
        await using var server = RunningServer.Start();
        await using var bystander = await server.ConnectAsync();
        await using var client = await server.ConnectAsync();

        await client.SendAsync([.. "FROB\r\nGET\r\nPUT k\r\nGET a\tb\r\nEXPIRE k soon\r\nPUT k "u8, 0xC3, 0x28, .. "\r\nGET "u8, .. Encoding.UTF8.GetBytes(new string('k', 251)), .. "\r\nPING\r\n"u8]);
        var replies = await client.ReadLinesAsync(8);

        Assert.That(replies, Is.EqualTo(new[]
        {
            "ERR unknown command 'FROB'",
            "ERR wrong number of arguments for 'GET'",
            "ERR wrong number of arguments for 'PUT'",
            "ERR invalid key",
            "ERR not a number",
            "ERR invalid UTF-8",
            "ERR invalid key",
            "PONG",
        }));
        Assert.That(await bystander.AskAsync("PING"), Is.EqualTo("PONG"));
    }

    [Test]
    public async Task Closes_a_connection_whose_line_is_too_long_and_only_that_one()
    {
        await using var server = RunningServer.Start(new CacheServerOptions { MaxLineLength = 1024 });
        await using var bystander = await server.ConnectAsync();
        await using var client = await server.ConnectAsync();

        await client.SendAsync("PING\r\nPUT k " + new string('v', 2048));
        var lines = await client.ReadToEndAsync();

        Assert.That(lines, Is.EqualTo(new[] { "PONG", "ERR line too long" }));
        Assert.That(await bystander.AskAsync("PING"), Is.EqualTo("PONG"));
    }

    [Test]
    public async Task A_client_that_disconnects_mid_line_or_resets_affects_only_itself()
    {
        await using var server = RunningServer.Start();
        await using var bystander = await server.ConnectAsync();
        var halfLine = await server.ConnectAsync();
        var reset = await server.ConnectAsync();

        await halfLine.SendAsync("PUT a 1\r\nPUT b hal");
        await halfLine.ReadLineAsync();
        await halfLine.DisposeAsync();
        await reset.SendAsync("PUT c 1\r\n");
        await reset.ReadLineAsync();
        reset.Socket.LingerState = new LingerOption(true, 0);
        await reset.DisposeAsync();

        Assert.That(await bystander.AskAsync("GET a"), Is.EqualTo("VALUE 1"));
        Assert.That(await bystander.AskAsync("GET b"), Is.EqualTo("NOT_FOUND"));
        Assert.That(await bystander.AskAsync("GET c"), Is.EqualTo("VALUE 1"));
    }

    [Test]
    public async Task A_client_that_never_reads_its_replies_stalls_neither_the_others_nor_shutdown()
    {
        await using var server = RunningServer.Start(new CacheServerOptions { ShutdownGracePeriod = TimeSpan.FromMilliseconds(200) });
        await using var bystander = await server.ConnectAsync();
        await using var stalled = await server.ConnectAsync();
        await bystander.AskAsync("PUT big " + new string('x', 10_000));

        // ~10 MB of replies the stalled client never reads: its socket buffers fill and its flush waits.
        var flood = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("GET big\r\n", 1_000)));
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                await stalled.Socket.SendAsync(flood);
            }
        });
        await Task.WhenAny(sending, Task.Run(async () => await bystander.AskAsync("PING")));

        Assert.That(await bystander.AskAsync("PUT k v"), Is.EqualTo("OK"));
        Assert.That(await bystander.AskAsync("GET k"), Is.EqualTo("VALUE v"));
        await server.DisposeAsync();
        Assert.That(await bystander.ReadToEndAsync(), Is.Empty);
    }

    [Test]
    public async Task Drops_a_watcher_that_cannot_keep_up_without_slowing_writers()
    {
        await using var server = RunningServer.Start(new CacheServerOptions
        {
            ClientOutputBufferLimits = ClientOutputBufferLimits.Default with { PubSub = new OutputBufferLimit(64 * 1024, 0, TimeSpan.Zero) },
        });
        await using var watcher = await server.ConnectAsync();
        await using var writer = await server.ConnectAsync();
        await watcher.AskAsync("WATCH *");

        // 2000 changes of 10 KB, 20 MB in all: far more than the socket buffers and the push limit together.
        var value = new string('x', 10_000);
        for (var batch = 0; batch < 20; batch++)
        {
            await writer.SendAsync(string.Concat(Enumerable.Range(0, 100).Select(i => $"PUT k{i} {value}\r\n")));
            await writer.ReadLinesAsync(100);
        }

        var received = await watcher.ReadUntilClosedAsync();
        Assert.That(received.Count(line => line.StartsWith("CHANGE ")), Is.LessThan(2000));
        Assert.That(await writer.AskAsync("PING"), Is.EqualTo("PONG"));
        Assert.That(server.Store.SubscriberCount, Is.Zero);
    }

    [Test]
    public async Task Refuses_clients_over_the_limit_with_an_error()
    {
        await using var server = RunningServer.Start(new CacheServerOptions { MaxClients = 2 });
        await using var first = await server.ConnectAsync();
        await using var second = await server.ConnectAsync();
        await first.AskAsync("PING");
        await second.AskAsync("PING");

        await using var third = await server.ConnectAsync();
        var refused = await third.ReadToEndAsync();
        await first.DisposeAsync();
        await using var fourth = await RetryUntilAcceptedAsync(server);

        Assert.That(refused, Is.EqualTo(new[] { "ERR max number of clients reached" }));
        Assert.That(await fourth.AskAsync("PING"), Is.EqualTo("PONG"));
    }

    [Test]
    public async Task Shutdown_with_clients_connected_finishes_their_replies_and_closes_them()
    {
        var server = RunningServer.Start();
        var clients = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => server.ConnectAsync()));
        var watcher = clients[0];
        await watcher.AskAsync("WATCH *");
        foreach (var client in clients.Skip(1))
        {
            Assert.That(await client.AskAsync("PUT k v"), Is.EqualTo("OK"));
        }

        await server.DisposeAsync();

        foreach (var client in clients.Skip(1))
        {
            Assert.That(await client.ReadToEndAsync(), Is.Empty);
        }

        Assert.That(await watcher.ReadToEndAsync(), Has.Count.EqualTo(4));
        await Assert.ThrowsAsync<SocketException>(async () => await LineClient.ConnectAsync(server.NativeEndPoint));
    }

    // The refused slot frees once the server notices the first client left; that takes a moment.
    private static async Task<LineClient> RetryUntilAcceptedAsync(RunningServer server)
    {
        for (var attempt = 0; ; attempt++)
        {
            var client = await server.ConnectAsync();
            await client.SendLinesAsync("PING");
            if (await client.ReadLineAsync() == "PONG" || attempt == 50)
            {
                return client;
            }

            await client.DisposeAsync();
            await Task.Yield();
        }
    }
}
