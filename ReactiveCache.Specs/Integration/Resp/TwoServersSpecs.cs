using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>
/// Two servers in one process share nothing: one's command statistics, CONFIG values and counters are not
/// the other's, and CONFIG RESETSTAT clears only the server it is sent to (STYLE.md: nothing process-wide).
/// </summary>
[Category("Integration")]
public sealed class TwoServersSpecs
{
    [Test]
    public async Task Commands_on_one_server_leave_the_others_statistics_and_config_untouched()
    {
        await using var busy = RespServer.Start();
        await using var idle = RespServer.Start();
        await using var busyClient = await RawRespClient.ConnectAsync(busy.EndPoint);
        await using var idleClient = await RawRespClient.ConnectAsync(idle.EndPoint);

        await busyClient.SendAsync(
            "SET k v\r\nSET k w\r\nGET k\r\nINCR k\r\nCONFIG SET timeout 300 notify-keyspace-events KEA hash-max-listpack-entries 7\r\n");
        const string busyReplies = "+OK\r\n+OK\r\n$1\r\nw\r\n-ERR value is not an integer or out of range\r\n+OK\r\n";
        Assert.That(await busyClient.ReceiveAsync(busyReplies), Is.EqualTo(busyReplies));

        var idleStats = await InfoAsync(idleClient, "commandstats");
        Assert.That(idleStats, Does.Not.Contain("cmdstat_set:").And.Not.Contain("cmdstat_get:").And.Not.Contain("cmdstat_incr:"));
        Assert.That(await ConfigAsync(idleClient, "timeout"), Is.EqualTo("0"));
        Assert.That(await ConfigAsync(idleClient, "notify-keyspace-events"), Is.EqualTo(""));
        Assert.That(await ConfigAsync(idleClient, "hash-max-listpack-entries"), Is.EqualTo("512"));
        Assert.That(await InfoAsync(idleClient, "stats"), Does.Contain("total_commands_processed:5\r\n"));
        var busyStats = await InfoAsync(busyClient, "commandstats");
        Assert.That(busyStats, Does.Contain("cmdstat_set:calls=2,").And.Match(@"cmdstat_incr:calls=1,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,failed_calls=1\r\n"));
        Assert.That(await ConfigAsync(busyClient, "hash-max-listpack-entries"), Is.EqualTo("7"));
    }

    [Test]
    public async Task Config_resetstat_clears_only_the_server_it_is_sent_to()
    {
        await using var first = RespServer.Start();
        await using var second = RespServer.Start();
        await using var firstClient = await RawRespClient.ConnectAsync(first.EndPoint);
        await using var secondClient = await RawRespClient.ConnectAsync(second.EndPoint);
        await firstClient.SendAsync("SET a 1\r\nSET b 2\r\nSET c 3\r\n");
        await secondClient.SendAsync("SET a 1\r\nSET b 2\r\n");
        await firstClient.ReceiveAsync("+OK\r\n+OK\r\n+OK\r\n");
        await secondClient.ReceiveAsync("+OK\r\n+OK\r\n");

        await firstClient.SendAsync("CONFIG RESETSTAT\r\n");

        Assert.That(await firstClient.ReceiveLineAsync(), Is.EqualTo("+OK"));
        Assert.That(await InfoAsync(firstClient, "commandstats"), Does.Not.Contain("cmdstat_set:"));
        Assert.That(await InfoAsync(secondClient, "commandstats"), Does.Contain("cmdstat_set:calls=2,"));
        Assert.That(await InfoAsync(firstClient, "stats"), Does.Contain("total_commands_processed:2\r\n"));
        Assert.That(await InfoAsync(secondClient, "stats"), Does.Contain("total_commands_processed:4\r\n"));
    }

    private static async Task<string> InfoAsync(RawRespClient client, string section)
    {
        await client.SendAsync($"INFO {section}\r\n");
        return await client.ReceiveBulkAsync() ?? "";
    }

    // CONFIG GET of one name answers a two-element array: the name, then the value.
    private static async Task<string?> ConfigAsync(RawRespClient client, string name)
    {
        await client.SendAsync($"CONFIG GET {name}\r\n");
        var header = await client.ReceiveLineAsync();
        if (header != "*2")
        {
            return header;
        }

        await client.ReceiveBulkAsync();
        return await client.ReceiveBulkAsync();
    }
}
