using System.Globalization;
using NUnit.Framework;
using ReactiveCache.Specs.Support;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>
/// The memory limit over real sockets with real clients: the limit holds while several connections write at once,
/// evictions reach keyspace subscribers as <c>evicted</c> events, and StackExchange.Redis sees Redis's -OOM.
/// </summary>
[Category("Integration")]
public sealed class MemoryLimitSocketSpecs
{
    [Test]
    public async Task The_limit_holds_under_concurrent_writers_over_real_sockets()
    {
        await using var server = RespServer.Start();
        await using var admin = await RawRespClient.ConnectAsync(server.EndPoint);
        await admin.SendAsync("CONFIG SET maxmemory-policy allkeys-lru maxmemory 256kb\r\n");
        await admin.ReceiveAsync("+OK\r\n");
        var writers = Enumerable.Range(0, 4).Select(writer => WriteKeysAsync(server.Port, writer, count: 400)).ToArray();

        var written = await Task.WhenAll(writers);
        await admin.SendAsync("INFO memory\r\n");
        var memory = Fields(await admin.ReceiveBulkAsync());
        await admin.SendAsync("INFO stats\r\n");
        var stats = Fields(await admin.ReceiveBulkAsync());

        Assert.That(written, Is.All.EqualTo(400), "every SET was acknowledged: under allkeys-lru the store evicts instead of refusing");
        Assert.That(long.Parse(memory["maxmemory"], CultureInfo.InvariantCulture), Is.EqualTo(256 * 1024));
        Assert.That(long.Parse(memory["used_memory"], CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(256 * 1024));
        Assert.That(long.Parse(stats["evicted_keys"], CultureInfo.InvariantCulture), Is.GreaterThan(0));
    }

    [Test]
    public async Task An_eviction_reaches_a_keyspace_subscriber_as_an_evicted_event()
    {
        await using var server = RespServer.Start();
        await using var subscriber = await RawRespClient.ConnectAsync(server.EndPoint);
        await using var writer = await RawRespClient.ConnectAsync(server.EndPoint);
        await writer.SendAsync("CONFIG SET notify-keyspace-events Ee maxmemory-policy allkeys-lru\r\nSET old " + new string('o', 4000) + "\r\n");
        await writer.ReceiveAsync("+OK\r\n+OK\r\n");
        await subscriber.SendAsync("SUBSCRIBE __keyevent@0__:evicted\r\n");
        await subscriber.ReceiveAsync("*3\r\n$9\r\nsubscribe\r\n$22\r\n__keyevent@0__:evicted\r\n:1\r\n");

        await writer.SendAsync("CONFIG SET maxmemory 1kb\r\n");
        var lowered = await writer.ReceiveAsync("+OK\r\n");

        Assert.That(lowered, Is.EqualTo("+OK\r\n"));
        var expected = "*3\r\n$7\r\nmessage\r\n$22\r\n__keyevent@0__:evicted\r\n$3\r\nold\r\n";
        Assert.That(await subscriber.ReceiveAsync(expected), Is.EqualTo(expected));
    }

    [Test]
    public async Task StackExchange_redis_sees_oom_under_noeviction_while_reads_and_deletes_work()
    {
        await using var server = RespServer.Start();
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{server.Port},allowAdmin=true");
        var database = redis.GetDatabase();
        await database.StringSetAsync("big", new string('b', 4000));
        await database.ExecuteAsync("CONFIG", "SET", "maxmemory", "1kb");

        var refused = await Assert.ThrowsAsync<RedisServerException>(() => database.StringSetAsync("more", "1"));
        var read = await database.StringLengthAsync("big");
        var deleted = await database.KeyDeleteAsync("big");
        var afterDelete = await database.StringSetAsync("more", "1");

        Assert.That(refused!.Message, Is.EqualTo("OOM command not allowed when used memory > 'maxmemory'."));
        Assert.That(read, Is.EqualTo(4000));
        Assert.That(deleted, Is.True);
        Assert.That(afterDelete, Is.True);
    }

    /// <summary>The burst, scaled down: 8 MB of 1 KB values into a 1 MB limit, a hot set read between the writes.</summary>
    [Test]
    public async Task A_burst_under_allkeys_lru_keeps_the_keys_read_between_the_writes_and_publishes_every_eviction()
    {
        await using var server = RespServer.Start();
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{server.Port},allowAdmin=true");
        var database = redis.GetDatabase();
        await database.ExecuteAsync("CONFIG", "SET", "maxmemory-policy", "allkeys-lru", "maxmemory", "1mb", "notify-keyspace-events", "Ee");
        var evictedEvents = 0L;
        var expected = long.MaxValue;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal("__keyevent@0__:evicted"), (_, _) =>
        {
            if (Interlocked.Increment(ref evictedEvents) >= Interlocked.Read(ref expected))
            {
                allArrived.TrySetResult();
            }
        });
        var value = new string('v', 1024);
        var hot = Enumerable.Range(0, 50).Select(i => (RedisKey)$"hot:{i}").ToArray();
        await Task.WhenAll(hot.Select(key => database.StringSetAsync(key, value)));

        for (var batch = 0; batch < 80; batch++)
        {
            var writes = Enumerable.Range(batch * 100, 100).Select(i => (Task)database.StringSetAsync($"cold:{i}", value));
            var reads = hot.Skip(batch % 2 * 25).Take(25).Select(key => (Task)database.StringGetAsync(key));
            await Task.WhenAll(writes.Concat(reads));
        }

        var kept = (await Task.WhenAll(hot.Select(key => database.KeyExistsAsync(key)))).Count(exists => exists);
        var memory = Fields((string?)await database.ExecuteAsync("INFO", "memory"));
        var evictedKeys = long.Parse(Fields((string?)await database.ExecuteAsync("INFO", "stats"))["evicted_keys"], CultureInfo.InvariantCulture);
        Interlocked.Exchange(ref expected, evictedKeys);
        if (Interlocked.Read(ref evictedEvents) >= evictedKeys)
        {
            allArrived.TrySetResult();
        }

        await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(kept, Is.GreaterThanOrEqualTo(45), "at least 90% of the hot keys stay");
        Assert.That(long.Parse(memory["used_memory"], CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(1024 * 1024));
        Assert.That(evictedKeys, Is.GreaterThan(6000));
        Assert.That(Interlocked.Read(ref evictedEvents), Is.EqualTo(evictedKeys), "every eviction reached the subscriber");
    }

    private static async Task<int> WriteKeysAsync(int port, int writer, int count)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
        var database = redis.GetDatabase();
        var value = new string((char)('a' + writer), 1024);
        var acknowledged = await Task.WhenAll(Enumerable.Range(0, count).Select(i => database.StringSetAsync($"w{writer}:{i}", value)));
        return acknowledged.Count(ok => ok);
    }

    private static Dictionary<string, string> Fields(string? info) =>
        (info ?? "").Split("\r\n")
            .Where(line => line.Contains(':') && !line.StartsWith('#'))
            .Select(line => line.Split(':', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
}
