using System.Globalization;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>
/// Optimistic transactions under contention: clients that each read a counter, WATCH it and write it back
/// inside MULTI/EXEC, retrying when EXEC answers a null array, lose no increment.
/// </summary>
[Category("Integration")]
public sealed class OptimisticTransactionSpecs
{
    private const int Clients = 4;
    private const int IncrementsEach = 50;

    [Test]
    public async Task Concurrent_watch_multi_exec_increments_lose_no_update()
    {
        await using var server = RespServer.Start();

        var retries = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => IncrementAsync(server)))
            .WaitAsync(TimeSpan.FromSeconds(60));

        await using var reader = await RawRespClient.ConnectAsync(server.EndPoint);
        await reader.SendAsync("GET counter\r\n");
        Assert.That(await reader.ReceiveBulkAsync(), Is.EqualTo((Clients * IncrementsEach).ToString(CultureInfo.InvariantCulture)));
        TestContext.Out.WriteLine($"EXECs refused and retried: {retries.Sum()}");
    }

    // The check-and-set loop of the Redis documentation's WATCH example; returns how many EXECs were refused.
    private static async Task<int> IncrementAsync(RespServer server)
    {
        await using var client = await RawRespClient.ConnectAsync(server.EndPoint);
        var refused = 0;
        for (var done = 0; done < IncrementsEach;)
        {
            await client.SendAsync("WATCH counter\r\nGET counter\r\n");
            await client.ReceiveLineAsync();
            var value = long.Parse(await client.ReceiveBulkAsync() ?? "0", CultureInfo.InvariantCulture);

            await client.SendAsync($"MULTI\r\nSET counter {value + 1}\r\nEXEC\r\n");
            await client.ReceiveAsync("+OK\r\n+QUEUED\r\n");
            if (await client.ReceiveLineAsync() == "*-1")
            {
                refused++;
                continue;
            }

            Assert.That(await client.ReceiveLineAsync(), Is.EqualTo("+OK"));
            done++;
        }

        return refused;
    }
}
