using System.Net.Sockets;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>Request limits over a real socket: the offender alone is closed, with Redis's words where it can read them.</summary>
[Category("Integration")]
public sealed class RespLimitSpecs : ReactiveTest
{
    [TestCase("*11\r\n", "-ERR Protocol error: unauthenticated multibulk length\r\n")]
    [TestCase("*2\r\n$4\r\nECHO\r\n$16385\r\n", "-ERR Protocol error: unauthenticated bulk length\r\n")]
    public async Task Caps_a_request_before_AUTH_and_closes_the_connection(string request, string error)
    {
        await using var server = RespServer.Start(requirePass: "pw");
        await using var client = await RawRespClient.ConnectAsync(server.EndPoint);

        await client.SendAsync(request);

        Assert.That(await client.ReceiveAsync(error), Is.EqualTo(error));
        Assert.That(await client.IsClosedByServerAsync(), Is.True);
    }

    [Test]
    public async Task Lifts_the_caps_for_the_request_right_after_AUTH_in_the_same_pipeline()
    {
        await using var server = RespServer.Start(requirePass: "pw");
        await using var client = await RawRespClient.ConnectAsync(server.EndPoint);
        var value = new string('v', 20_000);

        await client.SendAsync($"AUTH pw\r\n*2\r\n$4\r\nECHO\r\n${value.Length}\r\n{value}\r\n");

        var expected = $"+OK\r\n${value.Length}\r\n{value}\r\n";
        Assert.That(await client.ReceiveAsync(expected), Is.EqualTo(expected));
    }

    [Test]
    public async Task Closes_an_endless_multibulk_request_at_the_query_buffer_limit_and_serves_the_others()
    {
        await using var server = RespServer.Start(new RespOptions { MaxMultibulkLength = int.MaxValue, QueryBufferLimit = 1024 * 1024 });
        await using var bystander = await RawRespClient.ConnectAsync(server.EndPoint);
        await using var offender = await RawRespClient.ConnectAsync(server.EndPoint);

        // 1.4 MB on the wire holds about 8 MB as parsed arguments.
        await SendIgnoringResetAsync(offender, "*2147483647\r\n" + string.Concat(Enumerable.Repeat("$1\r\na\r\n", 200_000)));

        Assert.That(await offender.IsClosedByServerAsync(), Is.True);
        await bystander.SendAsync("PING\r\n");
        Assert.That(await bystander.ReceiveAsync("+PONG\r\n"), Is.EqualTo("+PONG\r\n"));
    }

    [Test]
    public async Task Refuses_a_multibulk_count_over_the_limit_with_Redis_words()
    {
        await using var server = RespServer.Start();
        await using var client = await RawRespClient.ConnectAsync(server.EndPoint);

        await client.SendAsync("*2147483647\r\n");

        Assert.That(await client.ReceiveAsync("-ERR Protocol error: invalid multibulk length\r\n"), Is.EqualTo("-ERR Protocol error: invalid multibulk length\r\n"));
        Assert.That(await client.IsClosedByServerAsync(), Is.True);
    }

    [Test]
    public async Task Sets_the_limits_with_CONFIG_SET_as_Redis_accepts_them()
    {
        await using var server = RespServer.Start();
        await using var client = await RawRespClient.ConnectAsync(server.EndPoint);

        await client.SendAsync(
            "CONFIG SET client-query-buffer-limit 64mb proto-max-bulk-len 2mb\r\nCONFIG GET client-query-buffer-limit\r\nCONFIG GET proto-max-bulk-len\r\n"
            + "CONFIG SET client-query-buffer-limit 1000\r\nCONFIG SET proto-max-bulk-len 1.5mb\r\n*1\r\n$3000000\r\n");

        var expected = "+OK\r\n*2\r\n$25\r\nclient-query-buffer-limit\r\n$8\r\n67108864\r\n*2\r\n$18\r\nproto-max-bulk-len\r\n$7\r\n2097152\r\n"
            + "-ERR CONFIG SET failed (possibly related to argument 'client-query-buffer-limit') - argument must be between 1048576 and 9223372036854775807 inclusive\r\n"
            + "-ERR CONFIG SET failed (possibly related to argument 'proto-max-bulk-len') - argument must be a memory value\r\n"
            + "-ERR Protocol error: invalid bulk length\r\n";
        Assert.That(await client.ReceiveAsync(expected), Is.EqualTo(expected));
    }

    // The server may close the connection while the request is still being sent.
    private static async Task SendIgnoringResetAsync(RawRespClient client, string text)
    {
        try
        {
            await client.SendAsync(text);
        }
        catch (SocketException)
        {
        }
    }
}
