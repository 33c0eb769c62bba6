using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Networking;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Networking;

public sealed class ClientsCronSpecs : ReactiveTest
{
    private static readonly long s_second = TimeSpan.FromSeconds(1).Ticks;
    private static readonly long s_period = ClientsCron.Period.Ticks;

    [Test]
    public async Task Closes_an_idle_client_exactly_when_the_timeout_is_over_and_not_before()
    {
        var limits = new ClientLimits { Timeout = TimeSpan.FromSeconds(10) };
        using var harness = new NativeHarness(limits: limits);
        using var cron = Sweeping(limits, harness);
        harness.Send("PING");

        harness.Scheduler.AdvanceTo((10 * s_second) - s_period);
        var openBefore = !harness.Client.Connection.ReadLoopStopped.IsCompleted;
        harness.Scheduler.AdvanceTo(10 * s_second);

        Assert.That(openBefore, Is.True);
        Assert.That(await harness.ReceivedUntilClosedAsync(), Is.EqualTo("PONG\r\n"));
    }

    [Test]
    public void A_request_starts_the_idle_period_again()
    {
        var limits = new ClientLimits { Timeout = TimeSpan.FromSeconds(10) };
        using var harness = new NativeHarness(limits: limits);
        using var cron = Sweeping(limits, harness);

        harness.Scheduler.AdvanceTo(5 * s_second);
        harness.Send("PING");
        harness.Scheduler.AdvanceTo((15 * s_second) - s_period);
        var openBefore = !harness.Client.Connection.ReadLoopStopped.IsCompleted;
        harness.Scheduler.AdvanceTo(15 * s_second);

        Assert.That(openBefore, Is.True);
        Assert.That(harness.Client.Connection.ReadLoopStopped.IsCompleted, Is.True);
    }

    [Test]
    public void A_client_stuck_in_the_middle_of_a_request_is_idle()
    {
        var limits = new ClientLimits { Timeout = TimeSpan.FromSeconds(10) };
        using var harness = new NativeHarness(limits: limits);
        using var cron = Sweeping(limits, harness);

        harness.Client.Send("PUT k hal");
        harness.Scheduler.AdvanceTo(10 * s_second);

        Assert.That(harness.Client.Connection.ReadLoopStopped.IsCompleted, Is.True);
        Assert.That(harness.Store.Get("k"), Is.Null);
    }

    [Test]
    public void Watchers_are_exempt_from_the_idle_timeout_until_they_stop_watching()
    {
        var limits = new ClientLimits { Timeout = TimeSpan.FromSeconds(10) };
        using var harness = new NativeHarness(limits: limits);
        using var cron = Sweeping(limits, harness);
        harness.Send("WATCH *");

        harness.Scheduler.AdvanceTo(100 * s_second);
        var openWhileWatching = !harness.Client.Connection.ReadLoopStopped.IsCompleted;
        harness.Send("UNWATCH");
        harness.Scheduler.AdvanceTo(110 * s_second);

        Assert.That(openWhileWatching, Is.True);
        Assert.That(harness.Client.Connection.ReadLoopStopped.IsCompleted, Is.True);
    }

    [Test]
    public void A_timeout_set_while_running_closes_clients_already_idle_that_long_at_the_next_sweep()
    {
        var limits = new ClientLimits();
        using var harness = new NativeHarness(limits: limits);
        using var cron = Sweeping(limits, harness);

        harness.Scheduler.AdvanceTo(100 * s_second);
        var openWithoutTimeout = !harness.Client.Connection.ReadLoopStopped.IsCompleted;
        limits.Timeout = TimeSpan.FromSeconds(30);
        harness.Scheduler.AdvanceBy(s_period);

        Assert.That(openWithoutTimeout, Is.True);
        Assert.That(harness.Client.Connection.ReadLoopStopped.IsCompleted, Is.True);
    }

    [Test]
    public void Drops_a_watcher_over_the_soft_limit_for_the_soft_seconds_and_not_before()
    {
        var pubsub = new OutputBufferLimit(HardBytes: 1024 * 1024, SoftBytes: 4 * 1024, SoftDuration: TimeSpan.FromSeconds(60));
        var limits = new ClientLimits { OutputBuffers = ClientOutputBufferLimits.Default with { PubSub = pubsub } };
        using var harness = new NativeHarness(limits: limits, clientWindow: 1024, maxLineLength: 64 * 1024);
        using var cron = Sweeping(limits, harness);
        harness.Send("WATCH *");

        // The watcher reads nothing: 8 KB of changes wait for it, over the soft limit, under the hard one.
        Store(harness, new string('v', 8 * 1024));
        harness.Scheduler.AdvanceTo(s_period);
        harness.Scheduler.AdvanceTo(s_period + (60 * s_second) - s_period);
        var keptBefore = !harness.Client.Aborted;
        harness.Scheduler.AdvanceTo(s_period + (60 * s_second));

        Assert.That(keptBefore, Is.True);
        Assert.That(harness.Client.Aborted, Is.True);
        Assert.That(() => harness.Store.SubscriberCount, Is.Zero.After(10).Seconds.PollEvery(10).MilliSeconds);
    }

    [Test]
    public void A_watcher_that_catches_up_before_the_soft_seconds_are_over_is_kept()
    {
        var pubsub = new OutputBufferLimit(HardBytes: 1024 * 1024, SoftBytes: 4 * 1024, SoftDuration: TimeSpan.FromSeconds(60));
        var limits = new ClientLimits { OutputBuffers = ClientOutputBufferLimits.Default with { PubSub = pubsub } };
        using var harness = new NativeHarness(limits: limits, clientWindow: 1024, maxLineLength: 64 * 1024);
        using var cron = Sweeping(limits, harness);
        harness.Send("WATCH *");
        Store(harness, new string('v', 8 * 1024));

        harness.Scheduler.AdvanceTo(30 * s_second);
        var caughtUp = harness.Client.Received;
        harness.Scheduler.AdvanceTo(61 * s_second);

        Assert.That(caughtUp, Does.Contain("CHANGE 1 set k"));
        Assert.That(harness.Client.Aborted, Is.False);
        Assert.That(harness.Send("PING"), Is.EqualTo("PONG\r\n"));
    }

    [Test]
    public void Past_maxmemory_clients_closes_the_client_holding_most_and_keeps_answering_the_other()
    {
        var limits = new ClientLimits { MaxMemoryClients = 64 * 1024 };
        var scheduler = new TestScheduler();
        using var hog = new NativeHarness(limits: limits, scheduler: scheduler, maxLineLength: 1024 * 1024);
        using var bystander = new NativeHarness(limits: limits, scheduler: scheduler);
        using var cron = new ClientsCron(limits, [hog.Client.Connection, bystander.Client.Connection], scheduler, NullLogger.Instance);
        bystander.Send("PUT k v");

        // An unfinished line of 100 KB: under the line limit, so only the clients' memory limit can stop it.
        hog.Client.Send("PUT big " + new string('v', 100 * 1024));
        var heldByHog = hog.Client.Connection.MemoryBytes;
        scheduler.AdvanceBy(s_period);

        Assert.That(heldByHog, Is.GreaterThan(100 * 1024));
        Assert.That(hog.Client.Connection.ReadLoopStopped.IsCompleted, Is.True);
        Assert.That(bystander.Send("GET k"), Is.EqualTo("VALUE v\r\n"));
    }

    [Test]
    public void Under_maxmemory_clients_nobody_is_closed()
    {
        var limits = new ClientLimits { MaxMemoryClients = 1024 * 1024 };
        using var harness = new NativeHarness(limits: limits, maxLineLength: 1024 * 1024);
        using var cron = Sweeping(limits, harness);

        harness.Client.Send("PUT big " + new string('v', 100 * 1024));
        harness.Scheduler.AdvanceBy(10 * s_period);
        harness.Client.Send("\r\n");

        Assert.That(harness.Client.Received, Is.EqualTo("OK\r\n"));
    }

    [Test]
    public async Task A_reply_over_the_normal_hard_limit_is_not_sent_and_only_that_client_is_dropped()
    {
        var normal = new OutputBufferLimit(HardBytes: 64 * 1024, SoftBytes: 0, SoftDuration: TimeSpan.Zero);
        var limits = new ClientLimits { OutputBuffers = ClientOutputBufferLimits.Default with { Normal = normal } };
        using var harness = new NativeHarness(limits: limits, maxLineLength: 1024 * 1024);
        harness.Store.Set("big", new string('v', 300 * 1024));

        var reading = harness.Client.StartReading();
        harness.Client.Send("PING\r\nGET big\r\nPING\r\n");
        await harness.Served.WaitAsync(TimeSpan.FromSeconds(10));

        // The client's reads end when it is dropped (the fake's reader is completed under it).
        await reading.ContinueWith(read => read.Exception, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(harness.Client.Aborted, Is.True);
        Assert.That(harness.Client.Received, Does.Not.Contain("VALUE"));
        Assert.That(harness.Store.Get("big"), Has.Length.EqualTo(300 * 1024));
    }

    private static ClientsCron Sweeping(ClientLimits limits, NativeHarness harness) =>
        new(limits, [harness.Client.Connection], harness.Scheduler, NullLogger.Instance);

    private static void Store(NativeHarness harness, string value) =>
        harness.Store.Set("k", value);
}
