using System.Net;
using System.Net.Sockets;
using System.Text;
using NUnit.Framework;
using ReactiveCache.Hosting;

namespace ReactiveCache.Specs.Integration.Limits;

/// <summary>max-clients and the idle timeout on real sockets, on every port.</summary>
[Category("Integration")]
public sealed class ConnectionLimitSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Test]
    public async Task One_client_over_max_clients_gets_each_protocols_error_and_the_others_keep_working()
    {
        await using var server = CacheServer.Start(new CacheServerOptions { Port = 0, RespPort = 0, MemcachedPort = 0, MaxClients = 3 });
        using var native = await ConnectAsync(server.NativeEndPoint!);
        using var resp = await ConnectAsync(server.RespEndPoint!);
        using var memcached = await ConnectAsync(server.MemcachedEndPoint!);
        Assert.That(await AskAsync(native, "PING\r\n"), Is.EqualTo("PONG\r\n"));
        Assert.That(await AskAsync(resp, "PING\r\n"), Is.EqualTo("+PONG\r\n"));
        Assert.That(await AskAsync(memcached, "version\r\n"), Is.EqualTo("VERSION 1.6.21-reactivecache\r\n"));

        var refusedNative = await RefusedWithAsync(server.NativeEndPoint!);
        var refusedResp = await RefusedWithAsync(server.RespEndPoint!);
        var refusedMemcached = await RefusedWithAsync(server.MemcachedEndPoint!);

        Assert.That(refusedNative, Is.EqualTo("ERR max number of clients reached\r\n"));
        Assert.That(refusedResp, Is.EqualTo("-ERR max number of clients reached\r\n"));
        Assert.That(refusedMemcached, Is.EqualTo("SERVER_ERROR too many open connections\r\n"));
        Assert.That(await AskAsync(native, "PUT k v\r\n"), Is.EqualTo("OK\r\n"));
        Assert.That(await AskAsync(resp, "GET k\r\n"), Is.EqualTo("$1\r\nv\r\n"));
        Assert.That(await AskAsync(memcached, "get k\r\n"), Is.EqualTo("VALUE k 0 1\r\nv\r\nEND\r\n"));
        Assert.That(server.Statistics.ConnectionsRejected, Is.EqualTo(3));
    }

    [Test]
    public async Task An_idle_client_is_closed_after_the_timeout_and_frees_its_slot()
    {
        await using var server = CacheServer.Start(new CacheServerOptions
        {
            Port = 0, RespPort = 0, MemcachedPort = null, MaxClients = 1, Timeout = TimeSpan.FromSeconds(1),
        });
        using var idle = await ConnectAsync(server.RespEndPoint!);
        Assert.That(await AskAsync(idle, "PING\r\n"), Is.EqualTo("+PONG\r\n"));
        var refusedWhileHeld = await RefusedWithAsync(server.NativeEndPoint!);

        var closedQuietly = await ReadToEndAsync(idle);
        using var next = await ConnectWhenAcceptedAsync(server.NativeEndPoint!);

        Assert.That(refusedWhileHeld, Is.EqualTo("ERR max number of clients reached\r\n"));
        Assert.That(closedQuietly, Is.Empty);
        Assert.That(await AskAsync(next, "PING\r\n"), Is.EqualTo("PONG\r\n"));
    }

    [Test]
    public async Task Config_set_timeout_closes_clients_that_are_already_idle()
    {
        await using var server = CacheServer.Start(new CacheServerOptions { Port = 0, RespPort = 0, MemcachedPort = null });
        using var idle = await ConnectAsync(server.NativeEndPoint!);
        using var admin = await ConnectAsync(server.RespEndPoint!);
        Assert.That(await AskAsync(idle, "PING\r\n"), Is.EqualTo("PONG\r\n"));
        Assert.That(await AskAsync(admin, "SUBSCRIBE news\r\n"), Is.EqualTo("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n"));

        using var configurer = await ConnectAsync(server.RespEndPoint!);
        Assert.That(await AskAsync(configurer, "CONFIG SET timeout 1\r\n"), Is.EqualTo("+OK\r\n"));

        Assert.That(await ReadToEndAsync(idle), Is.Empty);
        Assert.That(await ReadToEndAsync(configurer), Is.Empty);
        Assert.That(await AskAsync(admin, "PING\r\n"), Is.EqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n"));
    }

    private static async Task<Socket> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint).WaitAsync(s_timeout);
        return socket;
    }

    // After a close, the server counts the slot free a moment later: retry until a connection is served.
    private static async Task<Socket> ConnectWhenAcceptedAsync(IPEndPoint endPoint)
    {
        for (var attempt = 0; ; attempt++)
        {
            var socket = await ConnectAsync(endPoint);
            if (await AskAsync(socket, "PING\r\n") == "PONG\r\n" || attempt == 50)
            {
                return socket;
            }

            socket.Dispose();
            await Task.Yield();
        }
    }

    private static async Task<string> RefusedWithAsync(IPEndPoint endPoint)
    {
        using var socket = await ConnectAsync(endPoint);
        return await ReadToEndAsync(socket);
    }

    private static async Task<string> AskAsync(Socket socket, string request)
    {
        await socket.SendAsync(Encoding.ASCII.GetBytes(request)).WaitAsync(s_timeout);
        var buffer = new byte[4096];
        var read = await socket.ReceiveAsync(buffer).WaitAsync(s_timeout);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    private static async Task<string> ReadToEndAsync(Socket socket)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer).WaitAsync(s_timeout);
            }
            catch (SocketException)
            {
                return received.ToString();
            }

            if (read == 0)
            {
                return received.ToString();
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
