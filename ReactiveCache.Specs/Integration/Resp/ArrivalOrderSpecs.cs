using System.Net;
using System.Net.Sockets;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>
/// The console server runs one socket event loop by default (<c>--io-threads 1</c>, Redis's own model), so commands
/// from different connections run in the order they arrived. Upstream's "BRPOPLPUSH with multiple blocked clients"
/// relies on it: with an event loop per core, the second client's command often ran first and took the element.
/// </summary>
[Category("Integration")]
public sealed class ArrivalOrderSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Two_clients_that_block_one_after_the_other_are_served_in_that_order()
    {
        var port = FreePort();
        using var server = ServerProcess.Start("--resp-port", port.ToString(), "--port", "0", "--memcached-port", "0");
        await server.Ready.WaitAsync(s_timeout);
        var endPoint = new IPEndPoint(IPAddress.Loopback, port);
        await using var control = await RawRespClient.ConnectAsync(endPoint);

        var outOfOrder = 0;
        for (var round = 0; round < 20; round++)
        {
            await using var first = await RawRespClient.ConnectAsync(endPoint);
            await using var second = await RawRespClient.ConnectAsync(endPoint);
            var firstId = await ClientIdAsync(first);
            await control.SendAsync(Resp("DEL", "blist", "target1", "target2"));
            await control.ReceiveLineAsync();
            await control.SendAsync(Resp("SET", "target1", "nolist"));
            await control.ReceiveLineAsync();

            // As the Tcl test does: both sent back to back, neither reply awaited, then the push.
            await first.SendAsync(Resp("BRPOPLPUSH", "blist", "target1", "0"));
            await second.SendAsync(Resp("BRPOPLPUSH", "blist", "target2", "0"));
            await control.SendAsync(Resp("LPUSH", "blist", "foo"));
            Assert.That(await control.ReceiveLineAsync(), Is.EqualTo(":1"));

            // The first is served first: its destination holds a string, so it gets WRONGTYPE and the element goes on
            // to the second. Served the other way round, the first would wait for ever (here: until CLIENT UNBLOCK).
            var secondGot = await second.ReceiveBulkAsync();
            await control.SendAsync(Resp("CLIENT", "UNBLOCK", firstId, "ERROR"));
            await control.ReceiveLineAsync();
            var firstGot = await first.ReceiveLineAsync();
            outOfOrder += firstGot.StartsWith("-WRONGTYPE", StringComparison.Ordinal) ? 0 : 1;
            Assert.That(secondGot, Is.EqualTo("foo"));
        }

        Assert.That(outOfOrder, Is.Zero, "rounds in which the client that blocked second was served first");
    }

    private static async Task<string> ClientIdAsync(RawRespClient client)
    {
        await client.SendAsync(Resp("CLIENT", "ID"));
        return (await client.ReceiveLineAsync()).TrimStart(':');
    }

    private static string Resp(params string[] words) =>
        $"*{words.Length}\r\n" + string.Concat(words.Select(word => $"${word.Length}\r\n{word}\r\n"));

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
