using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Hosting;

public sealed class ConnectionSessionSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Test]
    public void Answers_pipelined_commands_in_order_in_one_write()
    {
        using var harness = new NativeHarness();

        var replies = harness.Send("PUT a 1", "GET a", "DEL a", "GET a", "PING");

        Assert.That(replies, Is.EqualTo("OK\r\nVALUE 1\r\nDELETED\r\nNOT_FOUND\r\nPONG\r\n"));
    }

    [Test]
    public void Replies_with_an_error_and_keeps_the_session_alive()
    {
        using var harness = new NativeHarness();

        var replies = harness.Send("FROB x", "GET", "EXPIRE k soon", "PING");

        Assert.That(replies, Is.EqualTo(
            "ERR unknown command 'FROB'\r\nERR wrong number of arguments for 'GET'\r\nERR not a number\r\nPONG\r\n"));
    }

    [Test]
    public void Ignores_blank_lines()
    {
        using var harness = new NativeHarness();

        Assert.That(harness.Send("", "PING", ""), Is.EqualTo("PONG\r\n"));
    }

    [Test]
    public async Task Says_bye_and_closes_on_quit_without_running_what_follows()
    {
        using var harness = new NativeHarness();

        harness.Client.Send("PUT a 1\r\nQUIT\r\nPUT b 2\r\n");

        Assert.That(await harness.ReceivedUntilClosedAsync(), Is.EqualTo("OK\r\nBYE\r\n"));
        Assert.That(harness.Store.Get("b"), Is.Null);
    }

    [Test]
    public async Task Closes_with_an_error_on_a_line_over_the_limit_after_answering_what_came_before()
    {
        using var harness = new NativeHarness(maxLineLength: 32);

        harness.Client.Send("PING\r\nPUT k " + new string('v', 40) + "\r\n");

        Assert.That(await harness.ReceivedUntilClosedAsync(), Is.EqualTo("PONG\r\nERR line too long\r\n"));
    }

    [Test]
    public async Task Ends_quietly_when_the_client_hangs_up_mid_line()
    {
        using var harness = new NativeHarness();

        var replies = harness.Send("PUT a 1");
        harness.Client.Send("PUT b hal");
        harness.Client.Hangup();
        await harness.Served.WaitAsync(s_timeout);

        Assert.That(replies, Is.EqualTo("OK\r\n"));
        Assert.That(harness.Store.Get("a"), Is.EqualTo("1"));
        Assert.That(harness.Store.Get("b"), Is.Null);
    }

    [Test]
    public void Watch_reports_the_latest_sequence_then_pushes_matching_changes()
    {
        using var harness = new NativeHarness();
        harness.Send("PUT user:1 ann");

        var watching = harness.Send("WATCH user:*");
        var replies = harness.Send("PUT order:1 book", "PUT user:2 bob", "DEL user:1");

        Assert.That(watching, Is.EqualTo("WATCHING user:* 1\r\n"));
        Assert.That(replies, Is.EqualTo("OK\r\nOK\r\nDELETED\r\nCHANGE 3 set user:2 bob\r\nCHANGE 4 del user:1\r\n"));
    }

    [Test]
    public void Watch_pushes_expired_when_the_key_is_due_without_anyone_reading_it()
    {
        using var harness = new NativeHarness();
        harness.Send("PUT session abc", "EXPIRE session 5", "WATCH session");
        var mark = harness.Client.Received.Length;

        harness.Scheduler.AdvanceBy(TimeSpan.FromSeconds(5).Ticks - 1);
        var beforeDue = harness.ReceivedSince(mark);
        harness.Scheduler.AdvanceBy(1);

        Assert.That(beforeDue, Is.Empty);
        Assert.That(harness.ReceivedSince(mark), Is.EqualTo("CHANGE 3 expired session\r\n"));
    }

    [Test]
    public void Watch_from_a_sequence_replays_first_and_says_what_was_lost()
    {
        var store = new CacheStore(new CacheStoreOptions { ReplayBufferSize = 2 });
        using var harness = new NativeHarness(store: store);
        harness.Send("PUT a 1", "PUT b 2", "PUT c 3", "PUT d 4");

        var replies = harness.Send("WATCH * FROM 1");

        Assert.That(replies, Is.EqualTo("WATCHING * 4\r\nGAP 2 2\r\nCHANGE 3 set c 3\r\nCHANGE 4 set d 4\r\n"));
    }

    [Test]
    public void Unwatch_stops_every_watch_of_the_connection()
    {
        using var harness = new NativeHarness();
        harness.Send("WATCH a*", "WATCH b*");

        var replies = harness.Send("UNWATCH", "PUT a 1", "PUT b 2");

        Assert.That(replies, Is.EqualTo("OK\r\nOK\r\nOK\r\n"));
        Assert.That(harness.Store.SubscriberCount, Is.Zero);
    }

    [Test]
    public async Task Closes_a_watcher_with_an_error_when_a_push_overflows_its_buffer()
    {
        using var harness = new NativeHarness(maxPushedBytes: 20);
        harness.Send("WATCH *");

        harness.Store.Set("key", "a value longer than twenty bytes");

        Assert.That(await harness.ReceivedUntilClosedAsync(), Is.EqualTo("WATCHING * 0\r\nERR watch buffer overflow\r\n"));
        Assert.That(harness.Store.SubscriberCount, Is.Zero);
    }

    [Test]
    public async Task Drops_a_watcher_that_stopped_reading_once_its_pushes_overflow_without_stalling_the_writer()
    {
        // The client reads nothing, so once its window is full the server's flush waits and pushes pile up.
        using var harness = new NativeHarness(maxPushedBytes: 100, clientWindow: 16);
        harness.Client.Send("WATCH *\r\n");

        for (var i = 0; i < 20; i++)
        {
            harness.Store.Set($"key{i}", "some value");
        }

        await harness.Served.WaitAsync(s_timeout);
        Assert.That(harness.Client.Aborted, Is.True);
        Assert.That(harness.Store.SubscriberCount, Is.Zero);
        Assert.That(harness.Store.Count, Is.EqualTo(20));
    }

    [TestCase(1500, "TTL 2")]
    [TestCase(1499, "TTL 1")]
    [TestCase(10_000, "TTL 10")]
    public void Rounds_the_remaining_time_to_live_like_redis(int remainingMs, string expected)
    {
        using var harness = new NativeHarness();
        harness.Send("PUT k v", "EXPIRE k 11");

        harness.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(11_000 - remainingMs).Ticks);

        Assert.That(harness.Send("TTL k"), Is.EqualTo(expected + "\r\n"));
    }

    [Test]
    public void Accepts_an_expiry_beyond_what_a_clock_can_represent_and_keeps_serving()
    {
        using var harness = new NativeHarness();
        harness.Send("PUT soon 1", "EXPIRE soon 1", "PUT late 1");

        var replies = harness.Send("EXPIRE late 300000000000000", "PING");
        harness.Scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);

        Assert.That(replies, Is.EqualTo("OK\r\nPONG\r\n"));
        Assert.That(harness.Send("GET soon", "GET late"), Is.EqualTo("NOT_FOUND\r\nVALUE 1\r\n"));
    }

    [Test]
    public void Expire_with_a_time_already_over_removes_the_key()
    {
        using var harness = new NativeHarness();

        var replies = harness.Send("PUT k v", "EXPIRE k 0", "GET k", "EXPIRE k 5");

        Assert.That(replies, Is.EqualTo("OK\r\nOK\r\nNOT_FOUND\r\nNOT_FOUND\r\n"));
    }

    [Test]
    public void Put_clears_an_expiry_and_persist_removes_one()
    {
        using var harness = new NativeHarness();

        var replies = harness.Send("PUT k v", "EXPIRE k 5", "PUT k w", "TTL k", "EXPIRE k 5", "PERSIST k", "TTL k", "PERSIST nope", "TTL nope");

        Assert.That(replies, Is.EqualTo("OK\r\nOK\r\nOK\r\nTTL -1\r\nOK\r\nOK\r\nTTL -1\r\nNOT_FOUND\r\nNOT_FOUND\r\n"));
    }
}
