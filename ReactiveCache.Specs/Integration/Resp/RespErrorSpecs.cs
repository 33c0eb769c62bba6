using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>Every documented error over a real socket, and broken streams that close only their own connection.</summary>
[Category("Integration")]
public sealed class RespErrorSpecs : ReactiveTest
{
    private RespServer _server = null!;

    [OneTimeSetUp]
    public void Start() => _server = RespServer.Start(new RespOptions { MaxInlineLength = 1024 });

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [TestCase("GET\r\n", "-ERR wrong number of arguments for 'get' command\r\n")]
    [TestCase("FOO bar\r\n", "-ERR unknown command 'FOO', with args beginning with: 'bar' \r\n")]
    [TestCase("SET k v XX NX\r\n", "-ERR syntax error\r\n")]
    [TestCase("SET k v EX -1\r\n", "-ERR invalid expire time in 'set' command\r\n")]
    [TestCase("INCRBY k x\r\n", "-ERR value is not an integer or out of range\r\n")]
    [TestCase("INCRBYFLOAT k x\r\n", "-ERR value is not a valid float\r\n")]
    [TestCase("RENAME nothing k\r\n", "-ERR no such key\r\n")]
    [TestCase("SELECT 16\r\n", "-ERR DB index is out of range\r\n")]
    [TestCase("SCAN x\r\n", "-ERR invalid cursor\r\n")]
    [TestCase("CLUSTER NODES\r\n", "-ERR This instance has cluster support disabled\r\n")]
    [TestCase("HELLO 9\r\n", "-NOPROTO unsupported protocol version\r\n")]
    [TestCase("EXEC\r\n", "-ERR EXEC without MULTI\r\n")]
    [TestCase("CONFIG FOO\r\n", "-ERR unknown subcommand 'FOO'. Try CONFIG HELP.\r\n")]
    public async Task Answers_a_bad_command_with_Redis_error_and_keeps_serving(string request, string error)
    {
        await using var client = await RawRespClient.ConnectAsync(_server.EndPoint);

        await client.SendAsync(request + "PING\r\n");

        Assert.That(await client.ReceiveAsync(error + "+PONG\r\n"), Is.EqualTo(error + "+PONG\r\n"));
    }

    [Test]
    public async Task Asks_for_AUTH_when_a_password_is_set()
    {
        await using var server = RespServer.Start(requirePass: "pw");
        await using var client = await RawRespClient.ConnectAsync(server.EndPoint);

        await client.SendAsync("GET k\r\nAUTH nope\r\nAUTH pw\r\nGET k\r\n");

        const string expected = "-NOAUTH Authentication required.\r\n-WRONGPASS invalid username-password pair or user is disabled.\r\n+OK\r\n$-1\r\n";
        Assert.That(await client.ReceiveAsync(expected), Is.EqualTo(expected));
    }

    [TestCase("*x\r\n", "-ERR Protocol error: invalid multibulk length\r\n")]
    [TestCase("*1\r\n:1\r\n", "-ERR Protocol error: expected '$', got ':'\r\n")]
    [TestCase("*1\r\n$-5\r\n", "-ERR Protocol error: invalid bulk length\r\n")]
    [TestCase("SET \"open\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n")]
    public async Task Closes_a_broken_stream_with_Redis_protocol_error_while_serving_others(string garbage, string error)
    {
        await using var bystander = await RawRespClient.ConnectAsync(_server.EndPoint);
        await using var offender = await RawRespClient.ConnectAsync(_server.EndPoint);

        await offender.SendAsync("PING\r\n" + garbage + "PING\r\n");

        Assert.That(await offender.ReceiveAsync("+PONG\r\n" + error), Is.EqualTo("+PONG\r\n" + error));
        Assert.That(await offender.IsClosedByServerAsync(), Is.True);
        await bystander.SendAsync("*1\r\n$4\r\nPING\r\n");
        Assert.That(await bystander.ReceiveAsync("+PONG\r\n"), Is.EqualTo("+PONG\r\n"));
    }

    [Test]
    public async Task Closes_a_connection_that_sends_an_endless_inline_line()
    {
        await using var offender = await RawRespClient.ConnectAsync(_server.EndPoint);

        await offender.SendAsync(new string('x', 4096));

        Assert.That(await offender.ReceiveAsync("-ERR Protocol error: too big inline request\r\n"), Is.EqualTo("-ERR Protocol error: too big inline request\r\n"));
        Assert.That(await offender.IsClosedByServerAsync(), Is.True);
    }

    [Test]
    public async Task Survives_random_garbage_and_keeps_serving_everyone_else()
    {
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            await using var offender = await RawRespClient.ConnectAsync(_server.EndPoint);
            var garbage = new string(Enumerable.Range(0, 200).Select(_ => (char)random.Next(256)).ToArray());
            await offender.SendAsync(garbage);
        }

        await using var client = await RawRespClient.ConnectAsync(_server.EndPoint);
        await client.SendAsync("SET after garbage\r\nGET after\r\n");
        Assert.That(await client.ReceiveAsync("+OK\r\n$7\r\ngarbage\r\n"), Is.EqualTo("+OK\r\n$7\r\ngarbage\r\n"));
    }

    [Test]
    public async Task Closes_an_idle_client_another_one_kills()
    {
        await using var victim = await RawRespClient.ConnectAsync(_server.EndPoint);
        await using var killer = await RawRespClient.ConnectAsync(_server.EndPoint);
        await victim.SendAsync("CLIENT ID\r\n");
        var id = (await victim.ReceiveLineAsync())[1..];

        await killer.SendAsync($"CLIENT KILL ID {id}\r\n");

        Assert.That(await killer.ReceiveAsync(":1\r\n"), Is.EqualTo(":1\r\n"));
        Assert.That(await victim.IsClosedByServerAsync(), Is.True);
    }

    [Test]
    public async Task Answers_inline_and_pipelined_requests_in_order()
    {
        await using var client = await RawRespClient.ConnectAsync(_server.EndPoint);

        await client.SendAsync("*3\r\n$3\r\nSET\r\n$1\r\np\r\n$1\r\n1\r\nINCR p\r\n\r\n*2\r\n$3\r\nGET\r\n$1\r\np\r\nQUIT\r\nPING\r\n");

        Assert.That(await client.ReceiveAsync("+OK\r\n:2\r\n$1\r\n2\r\n+OK\r\n"), Is.EqualTo("+OK\r\n:2\r\n$1\r\n2\r\n+OK\r\n"));
        Assert.That(await client.IsClosedByServerAsync(), Is.True);
    }
}
