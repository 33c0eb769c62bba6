using System.Net;
using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>CLIENT LIST, CLIENT KILL and INFO's traffic figures over real sockets: the server sees what the client's socket is.</summary>
[Category("Integration")]
public sealed class ClientListSocketSpecs
{
    private CacheServer _server = null!;

    [SetUp]
    public void StartServer() => _server = CacheServer.Start(new CacheServerOptions { Port = null, MemcachedPort = null, RespPort = 0 });

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Lists_each_client_with_its_real_address_descriptor_name_database_and_last_command()
    {
        await using var first = await RawRespClient.ConnectAsync(_server.RespEndPoint!);
        await using var second = await RawRespClient.ConnectAsync(_server.RespEndPoint!);
        await first.CommandAsync("CLIENT", "SETNAME", "worker");
        await second.CommandAsync("SELECT", "3");
        await second.CommandAsync("SET", "k", "v");

        var list = await first.CommandAsync("CLIENT", "LIST");
        var own = Fields((await first.CommandAsync("CLIENT", "INFO"))!);

        var lines = list!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Fields).ToList();
        var mine = lines.Single(line => line["addr"] == Text(first.LocalEndPoint));
        var theirs = lines.Single(line => line["addr"] == Text(second.LocalEndPoint));
        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(mine["laddr"], Is.EqualTo(Text(_server.RespEndPoint!)));
        Assert.That((mine["name"], mine["cmd"], mine["db"]), Is.EqualTo(("worker", "client|list", "0")));
        Assert.That((theirs["name"], theirs["cmd"], theirs["db"]), Is.EqualTo(("", "set", "3")));
        Assert.That(long.Parse(mine["fd"]), Is.GreaterThan(0).And.Not.EqualTo(long.Parse(theirs["fd"])));
        Assert.That((own["id"], own["fd"], own["cmd"]), Is.EqualTo((mine["id"], mine["fd"], "client|info")));
    }

    [Test]
    public async Task Lists_by_type_and_id_and_shows_a_transaction()
    {
        await using var plain = await RawRespClient.ConnectAsync(_server.RespEndPoint!);
        await using var subscriber = await RawRespClient.ConnectAsync(_server.RespEndPoint!);
        await subscriber.SendAsync("*2\r\n$9\r\nSUBSCRIBE\r\n$4\r\nnews\r\n");
        await subscriber.ReceiveAsync("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");
        await using var inMulti = await RawRespClient.ConnectAsync(_server.RespEndPoint!);
        var id = (await inMulti.CommandAsync("CLIENT", "ID"))!.TrimStart(':');
        await inMulti.CommandAsync("MULTI");
        await inMulti.CommandAsync("SET", "a", "1");

        var pubsub = Fields((await plain.CommandAsync("CLIENT", "LIST", "TYPE", "pubsub"))!);
        var byId = (await plain.CommandAsync("CLIENT", "LIST", "ID", id, "999"))!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var badType = await plain.CommandAsync("CLIENT", "LIST", "TYPE", "nonsense");
        var badId = await plain.CommandAsync("CLIENT", "LIST", "ID", "x");

        Assert.That((pubsub["addr"], pubsub["flags"], pubsub["sub"]), Is.EqualTo((Text(subscriber.LocalEndPoint), "P", "1")));
        Assert.That(byId, Has.Length.EqualTo(1));
        Assert.That((Fields(byId[0])["addr"], Fields(byId[0])["flags"], Fields(byId[0])["multi"]), Is.EqualTo((Text(inMulti.LocalEndPoint), "x", "1")));
        Assert.That(badType, Is.EqualTo("-ERR Unknown client type 'nonsense'"));
        Assert.That(badId, Is.EqualTo("-ERR Invalid client ID"));
    }

    [Test]
    public async Task Kills_the_client_at_an_address_and_only_that_one()
    {
        await using var killer = await RawRespClient.ConnectAsync(_server.RespEndPoint!);
        await using var victim = await RawRespClient.ConnectAsync(_server.RespEndPoint!);
        await using var bystander = await RawRespClient.ConnectAsync(_server.RespEndPoint!);
        await victim.CommandAsync("PING");
        await bystander.CommandAsync("PING");

        var killed = await killer.CommandAsync("CLIENT", "KILL", "ADDR", Text(victim.LocalEndPoint));
        var oldForm = await killer.CommandAsync("CLIENT", "KILL", "1.2.3.4:5");
        var nobody = await killer.CommandAsync("CLIENT", "KILL", "LADDR", "10.0.0.1:1");
        var badSkip = await killer.CommandAsync("CLIENT", "KILL", "ADDR", "1.2.3.4:5", "SKIPME");

        Assert.That(killed, Is.EqualTo(":1"));
        Assert.That(await victim.IsClosedByServerAsync(), Is.True);
        Assert.That(oldForm, Is.EqualTo("-ERR No such client"));
        Assert.That(nobody, Is.EqualTo(":0"));
        Assert.That(badSkip, Is.EqualTo("-ERR syntax error"));
        Assert.That(await bystander.CommandAsync("PING"), Is.EqualTo("+PONG"));
    }

    [Test]
    public async Task Kills_by_the_old_form_and_by_type_sparing_the_caller()
    {
        await using var killer = await RawRespClient.ConnectAsync(_server.RespEndPoint!);
        await using var victim = await RawRespClient.ConnectAsync(_server.RespEndPoint!);
        await using var other = await RawRespClient.ConnectAsync(_server.RespEndPoint!);
        await victim.CommandAsync("PING");
        await other.CommandAsync("PING");

        var oldForm = await killer.CommandAsync("CLIENT", "KILL", Text(victim.LocalEndPoint));
        var byType = await killer.CommandAsync("CLIENT", "KILL", "TYPE", "normal");

        Assert.That(oldForm, Is.EqualTo("+OK"));
        Assert.That(await victim.IsClosedByServerAsync(), Is.True);
        Assert.That(byType, Is.EqualTo(":1"));
        Assert.That(await other.IsClosedByServerAsync(), Is.True);
        Assert.That(await killer.CommandAsync("PING"), Is.EqualTo("+PONG"));
    }

    [Test]
    public async Task Info_counts_at_least_the_bytes_a_client_sent_and_received_and_its_connection()
    {
        await using var watcher = await RawRespClient.ConnectAsync(_server.RespEndPoint!);
        var before = Info(await watcher.CommandAsync("INFO", "stats"));
        var value = new string('x', 10_000);

        await using (var client = await RawRespClient.ConnectAsync(_server.RespEndPoint!))
        {
            await client.CommandAsync("SET", "big", value);
            Assert.That(await client.CommandAsync("GET", "big"), Is.EqualTo(value));
        }

        var after = Info(await watcher.CommandAsync("INFO", "stats"));
        Assert.That(after["total_net_input_bytes"] - before["total_net_input_bytes"], Is.GreaterThanOrEqualTo(10_000 + 10_000 / 1000));
        Assert.That(after["total_net_output_bytes"] - before["total_net_output_bytes"], Is.GreaterThanOrEqualTo(10_000));
        Assert.That(after["total_connections_received"] - before["total_connections_received"], Is.EqualTo(1));
        Assert.That(_server.Statistics.Resp.BytesRead, Is.GreaterThanOrEqualTo(after["total_net_input_bytes"]));
        Assert.That(_server.Statistics.BytesWritten, Is.GreaterThanOrEqualTo(_server.Statistics.Resp.BytesWritten));
    }

    private static Dictionary<string, long> Info(string? text) =>
        text!.Split("\r\n").Where(line => line.Contains(':')).Select(line => line.Split(':'))
            .Where(pair => long.TryParse(pair[1], out _)).ToDictionary(pair => pair[0], pair => long.Parse(pair[1]));

    private static Dictionary<string, string> Fields(string line) =>
        line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(field => field.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);

    private static string Text(IPEndPoint endPoint) => $"{endPoint.Address}:{endPoint.Port}";
}
