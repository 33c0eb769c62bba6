using System.Buffers;
using System.Reactive.Linq;
using System.Text;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Framing;
using ReactiveCache.Networking;
using ReactiveCache.Protocols.Memcached;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Networking;

/// <summary>
/// The contract of <see cref="Connection.ReceivedFrames{TFrame}"/>: a frame lives for its OnNext (a late read fails
/// loudly in Debug builds, which specs are), what a frame owns may be kept, and a connection has one read loop.
/// </summary>
public sealed class FrameLifetimeSpecs : ReactiveTest
{
#if DEBUG
    [Test]
    public void Fails_a_line_read_after_ObserveOn_has_deferred_it_past_its_OnNext()
    {
        var scheduler = new TestScheduler();
        var client = new FakeConnection();
        var chunks = scheduler.CreateHotObservable(OnNext(210, "GET k\r\n"));
        chunks.Subscribe(client.Send);

        var lines = scheduler.Start(() => client.Connection.ReceivedFrames(new LineFramer(64)).ObserveOn(scheduler).AsText());

        lines.Messages.AssertEqual(
            OnError<string>(211, error => error is InvalidOperationException { Message: FrameLifetimeCheck<object>.UsedAfterOnNext }));
    }

    [Test]
    public void Fails_a_memcached_command_line_kept_by_Buffer_even_within_one_read()
    {
        var scheduler = new TestScheduler();
        var client = new FakeConnection();
        var chunks = scheduler.CreateHotObservable(OnNext(210, "get a\r\nget b\r\n"));
        chunks.Subscribe(client.Send);

        var lines = scheduler.Start(() => client.Connection.ReceivedFrames(new MemcachedFramer(64, 64))
            .Buffer(2)
            .Select(frames => string.Join(",", frames.Select(frame => Encoding.ASCII.GetString(frame.Line.ToArray())))));

        lines.Messages.AssertEqual(
            OnError<string>(210, error => error is InvalidOperationException { Message: FrameLifetimeCheck<object>.UsedAfterOnNext }));
    }
#endif

    [Test]
    public void Lets_a_subscriber_defer_whatever_it_copied_inside_OnNext()
    {
        var scheduler = new TestScheduler();
        var client = new FakeConnection();
        var chunks = scheduler.CreateHotObservable(OnNext(210, "GET k\r\nDEL "), OnNext(220, "k\r\n"), OnCompleted<string>(230));
        chunks.Subscribe(client.Send, client.Hangup);

        var lines = scheduler.Start(() => client.Connection.ReceivedFrames(new LineFramer(64)).AsText().ObserveOn(scheduler).Buffer(2).Select(pair => string.Join(",", pair)));

        lines.Messages.AssertEqual(
            OnNext(221, "GET k,DEL k"),
            OnCompleted<string>(231));
    }

    [Test]
    public void Lets_a_subscriber_keep_a_RESP_request_whose_arguments_are_its_own()
    {
        var scheduler = new TestScheduler();
        var client = new FakeConnection();
        scheduler.CreateHotObservable(OnNext(210, "*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\n")).Subscribe(client.Send);

        var requests = scheduler.Start(() => client.Connection.ReceivedFrames(new RespFramer(RespLimits.Default)).Delay(TimeSpan.FromTicks(5), scheduler).Select(RespText.Describe));

        requests.Messages.AssertEqual(OnNext(215, "ECHO|hi"));
    }

    [Test]
    public void Lets_a_subscriber_keep_a_memcached_data_block_whose_array_is_its_own()
    {
        var scheduler = new TestScheduler();
        var client = new FakeConnection();
        scheduler.CreateHotObservable(OnNext(210, "set k 0 0 2\r\nhi\r\n")).Subscribe(client.Send);

        var blocks = scheduler.Start(() => client.Connection.ReceivedFrames(new MemcachedFramer(64, 64)).Delay(TimeSpan.FromTicks(5), scheduler).Select(frame => Encoding.ASCII.GetString(frame.Data!)));

        blocks.Messages.AssertEqual(OnNext(215, "hi"));
    }

    [Test]
    public void Refuses_a_second_subscription_and_keeps_the_one_read_loop_reading()
    {
        var client = new FakeConnection();
        var frames = client.Connection.ReceivedFrames(new LineFramer(64));
        var first = new List<string>();
        var second = new List<Exception>();
        using var reading = frames.AsText().Subscribe(first.Add, error => Assert.Fail(error.Message));

        using var refused = frames.AsText().Subscribe(line => Assert.Fail("a second loop read " + line), second.Add);
        client.Send("PING\r\nGET k\r\n");

        Assert.That(second, Has.Exactly(1).Matches<Exception>(error => error is InvalidOperationException { Message: Connection.SecondReadLoop }));
        Assert.That(first, Is.EqualTo(new[] { "PING", "GET k" }));
    }
}
