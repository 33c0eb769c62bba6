using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Commands;
using ReactiveCache.Hosting;
using ReactiveCache.Networking;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Hosting;

[Category("Integration")]
public sealed class CacheMetricsSpecs
{
    [Test]
    public async Task Counts_commands_by_protocol_and_name_and_reports_hits_misses_connections_and_keys()
    {
        await using var server = CacheServer.Start(new CacheServerOptions { Port = 0, RespPort = 0, MemcachedPort = 0, BindAddress = IPAddress.Loopback });
        using var recorder = new MeterRecorder(server.Metrics.Meter);
        await using var resp = await LineClient.ConnectAsync(server.RespEndPoint!);
        await using var memcached = await LineClient.ConnectAsync(server.MemcachedEndPoint!);
        await using var native = await LineClient.ConnectAsync(server.NativeEndPoint!);

        Assert.That(await resp.AskAsync("SET greeting hello"), Is.EqualTo("+OK"));
        Assert.That(await resp.AskAsync("GET greeting"), Is.EqualTo("$5"));
        Assert.That(await resp.ReadLineAsync(), Is.EqualTo("hello"));
        Assert.That(await resp.AskAsync("GET absent"), Is.EqualTo("$-1"));
        Assert.That(await memcached.AskAsync("get greeting"), Is.EqualTo("VALUE greeting 0 5"));
        Assert.That(await memcached.ReadLineAsync(), Is.EqualTo("hello"));
        Assert.That(await memcached.ReadLineAsync(), Is.EqualTo("END"));
        Assert.That(await memcached.AskAsync("get absent"), Is.EqualTo("END"));
        Assert.That(await native.AskAsync("GET greeting"), Is.EqualTo("VALUE hello"));
        var observed = recorder.Collect();

        Assert.That(observed.Value("reactivecache.commands", ("protocol", "resp"), ("command", "get")), Is.EqualTo(2));
        Assert.That(observed.Value("reactivecache.commands", ("protocol", "resp"), ("command", "set")), Is.EqualTo(1));
        Assert.That(observed.Value("reactivecache.commands", ("protocol", "memcached"), ("command", "get")), Is.EqualTo(2));
        Assert.That(observed.Value("reactivecache.commands", ("protocol", "native"), ("command", "get")), Is.EqualTo(1));
        Assert.That(observed.Count("reactivecache.command.duration", ("protocol", "resp"), ("command", "get")), Is.EqualTo(2));
        // One hit and one miss each for the Redis and the memcached GETs (INFO's keyspace figures and memcached's get_hits and
        // get_misses); the native protocol's lookups are not counted, as no native figure counts them.
        Assert.That(observed.Value("reactivecache.keyspace.hits"), Is.EqualTo(2));
        Assert.That(observed.Value("reactivecache.keyspace.misses"), Is.EqualTo(2));
        Assert.That(observed.Value("reactivecache.connections"), Is.EqualTo(3));
        Assert.That(observed.Value("reactivecache.connections.accepted"), Is.EqualTo(3));
        Assert.That(observed.Value("reactivecache.keys", ("db", 0)), Is.EqualTo(1));
        Assert.That(observed.Value("reactivecache.keys", ("db", 15)), Is.Zero);
        Assert.That(observed.Value("reactivecache.changes.published"), Is.EqualTo(server.Store.LastSequence));
        Assert.That(observed.Value("reactivecache.memory.used"), Is.EqualTo(server.Store.UsedMemory).And.Positive);
    }

    [Test]
    public void Reads_no_clock_while_nobody_listens_to_durations()
    {
        using var meter = new Meter("ReactiveCache.Specs." + nameof(Reads_no_clock_while_nobody_listens_to_durations));
        var commands = new CommandMeter("native", ["get"], meter.CreateHistogram<double>("duration"));

        var unobserved = commands.Start();
        using var recorder = new MeterRecorder(meter);
        var observed = commands.Start();

        Assert.That(unobserved, Is.Zero);
        Assert.That(observed, Is.Not.Zero);
    }

    [Test]
    public void Counts_keys_whose_time_to_live_ran_out()
    {
        var scheduler = new TestScheduler();
        using var store = new CacheStore(scheduler: scheduler);
        store.Set("short", "lived", TimeSpan.FromSeconds(1));
        store.Set("kept", "value");
        store.Delete("kept");

        scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);

        Assert.That(store.ExpiredKeys, Is.EqualTo(1));
    }

    [Test]
    public void Reports_how_far_the_subscribers_are_behind_while_one_is_still_handling_a_change()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        var lagDuringDelivery = new List<long>();
        using var subscription = store.Changes.Subscribe(_ => lagDuringDelivery.Add(store.SubscriberLag), _ => { });

        store.Set("a", "1");
        store.Set("b", "2");

        Assert.That(lagDuringDelivery, Is.EqualTo(new long[] { 1, 1 }));
        Assert.That(store.SubscriberLag, Is.Zero);
    }

    [Test]
    public void Logs_one_of_a_flood_of_events_a_second_with_the_count_of_the_rest()
    {
        var scheduler = new TestScheduler();
        var throttle = new LogThrottle(scheduler, TimeSpan.FromSeconds(1));

        var first = throttle.TryLog(out var suppressedBeforeFirst);
        var flood = Enumerable.Range(0, 5).Select(_ => throttle.TryLog(out long _)).ToArray();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        var next = throttle.TryLog(out var suppressed);

        Assert.That(first, Is.True);
        Assert.That(suppressedBeforeFirst, Is.Zero);
        Assert.That(flood, Is.All.False);
        Assert.That(next, Is.True);
        Assert.That(suppressed, Is.EqualTo(5));
    }
}
