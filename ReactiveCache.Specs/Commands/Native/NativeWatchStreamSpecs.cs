using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Native;

/// <summary>
/// A native WATCH is a subscription to the store's public ChangesSince, merged into the connection's pushes: it
/// lives from WATCH to UNWATCH or close, and WATCHING's number is where its changes start, replay buffer or not.
/// </summary>
public sealed class NativeWatchStreamSpecs : ReactiveTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Test]
    public void Each_watch_is_one_subscriber_of_the_store_until_UNWATCH()
    {
        using var native = new NativeHarness();

        native.Send("WATCH a*", "WATCH b*");
        var whileWatching = native.Store.SubscriberCount;
        native.Send("UNWATCH");

        Assert.That(whileWatching, Is.EqualTo(2));
        Assert.That(native.Store.SubscriberCount, Is.Zero);
    }

    [Test]
    public async Task Closing_the_connection_ends_its_watches()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        var native = new NativeHarness(store: store);
        native.Send("WATCH *");

        native.Client.Hangup();
        await native.Served.WaitAsync(s_timeout);

        Assert.That(store.SubscriberCount, Is.Zero);
    }

    [Test]
    public void A_change_made_in_the_batch_of_its_watch_is_pushed_after_that_batchs_replies()
    {
        using var native = new NativeHarness();
        native.Send("PUT k0 old");

        var received = native.Send("WATCH k*", "PUT k1 v", "GET k1");

        Assert.That(received, Is.EqualTo("WATCHING k* 1\r\nOK\r\nVALUE v\r\nCHANGE 2 set k1 v\r\n"));
    }

    [Test]
    public void A_change_queued_before_a_request_is_read_is_written_before_that_requests_reply()
    {
        // As Redis writes a message published before UNSUBSCRIBE ahead of its confirmation: what was queued for a client
        // before its next request was read goes out before that request's reply.
        using var native = new NativeHarness(clientWindow: 64);
        var big = new string('v', 200);
        native.Send("PUT big " + big, "WATCH k*");
        var offset = native.Client.ReceivedLength;

        native.Client.Send("GET big\r\n");     // a reply over the client's window: the server's flush waits for the client
        native.Store.Set("k1", "x");           // a change pushed to the watch while it waits
        native.Client.Send("GET k1\r\n");      // a request that arrives after the push was queued

        var received = System.Text.Encoding.UTF8.GetString(native.Client.ReceivedSince(offset));
        Assert.That(received, Is.EqualTo($"VALUE {big}\r\nCHANGE 2 set k1 x\r\nVALUE x\r\n"));
    }

    [Test]
    public void Watch_without_FROM_on_a_store_that_keeps_no_replay_sees_every_later_change_and_no_gap()
    {
        using var store = new CacheStore(new CacheStoreOptions { ReplayBufferSize = 0 }, new TestScheduler());
        using var native = new NativeHarness(store: store);
        native.Send("PUT a 1");

        var watching = native.Send("WATCH *");
        var changes = native.Send("PUT b 2", "DEL a");

        Assert.That(watching, Is.EqualTo("WATCHING * 1\r\n"));
        Assert.That(changes, Is.EqualTo("OK\r\nDELETED\r\nCHANGE 2 set b 2\r\nCHANGE 3 del a\r\n"));
    }

    [Test]
    public void Watch_without_FROM_never_reports_a_gap_while_other_threads_write_on_a_store_that_keeps_no_replay()
    {
        // WATCHING's number is read and the watch subscribed under the store's lock: no write can fall in between, so
        // there is never anything to call lost. (Read outside the lock, about one watch in a hundred here got a GAP.)
        using var store = new CacheStore(new CacheStoreOptions { ReplayBufferSize = 0 }, new TestScheduler());
        using var native = new NativeHarness(store: store);
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(writer => Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                store.Set($"x{writer}:{i % 100}", "v");
            }
        })).ToArray();

        var received = new System.Text.StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            received.Append(native.Send("WATCH y*", "UNWATCH"));
        }

        stop.Cancel();
        Task.WaitAll(writers, s_timeout);
        Assert.That(received.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Where(line => !line.StartsWith("WATCHING y* ") && line != "OK"), Is.Empty);
    }

    [Test]
    public void Watch_FROM_on_a_store_that_keeps_no_replay_says_what_was_lost_then_goes_on_live()
    {
        using var store = new CacheStore(new CacheStoreOptions { ReplayBufferSize = 0 }, new TestScheduler());
        using var native = new NativeHarness(store: store);
        native.Send("PUT a 1", "PUT b 2");

        var watching = native.Send("WATCH * FROM 0");
        var changes = native.Send("PUT c 3");

        Assert.That(watching, Is.EqualTo("WATCHING * 2\r\nGAP 1 2\r\n"));
        Assert.That(changes, Is.EqualTo("OK\r\nCHANGE 3 set c 3\r\n"));
    }

    [Test]
    public void Watch_FROM_replays_what_the_store_kept_then_goes_on_live_through_the_same_subscription()
    {
        using var native = new NativeHarness();
        native.Send("PUT a 1", "PUT b 2");

        var watching = native.Send("WATCH b FROM 0");
        var changes = native.Send("PUT a 3", "PUT b 4");

        Assert.That(watching, Is.EqualTo("WATCHING b 2\r\nCHANGE 2 set b 2\r\n"));
        Assert.That(changes, Is.EqualTo("OK\r\nOK\r\nCHANGE 4 set b 4\r\n"));
        Assert.That(native.Store.SubscriberCount, Is.EqualTo(1));
    }
}
