using System.Buffers;
using System.Reactive.Linq;
using System.Text;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Framing;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Protocols.Resp;

/// <summary>The memory an unfinished request may hold, and Redis 7's tighter limits before AUTH.</summary>
public sealed class RespFramerLimitSpecs : ReactiveTest
{
    [Test]
    public void Counts_each_held_argument_at_what_it_costs_in_memory()
    {
        var framer = new RespFramer(RespLimits.Default);
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("*5000\r\n" + string.Concat(Enumerable.Repeat("$1\r\na\r\n", 3000))));

        Assert.That(framer.TryReadFrame(ref buffer, out _), Is.False);

        // 3000 one-byte arrays of 32 bytes each, and a 4096-slot array of references to hold them.
        Assert.That(((IFramer<RespRequest>)framer).HeldBytes, Is.EqualTo((3000 * 32) + 24 + (4096 * 8)));
        Assert.That(buffer.Length, Is.Zero);
    }

    [Test]
    public void Holds_nothing_once_the_request_is_complete()
    {
        var framer = new RespFramer(RespLimits.Default);
        var buffer = new ReadOnlySequence<byte>("*2\r\n$4\r\nECHO\r\n$1\r\na\r\n"u8.ToArray());

        Assert.That(framer.TryReadFrame(ref buffer, out var request), Is.True);

        Assert.That(RespText.Describe(request), Is.EqualTo("ECHO|a"));
        Assert.That(((IFramer<RespRequest>)framer).HeldBytes, Is.Zero);
    }

    [Test]
    public void Closes_an_endless_multibulk_request_when_what_it_holds_passes_the_query_buffer_limit()
    {
        var scheduler = new TestScheduler();
        var bulks = string.Concat(Enumerable.Repeat("$1\r\na\r\n", 1000));
        var chunks = scheduler.CreateHotObservable(OnNext(210, "*2147483647\r\n"), OnNext(220, bulks), OnNext(230, bulks), OnNext(240, bulks));
        var limits = new RespLimits(MaxMultibulkLength: int.MaxValue, QueryBufferLimit: 64 * 1024);

        var requests = scheduler.Start(() => chunks.ToFrames(new RespFramer(limits)).Select(RespText.Describe));

        // 1000 arguments hold 32 KB plus their array; 2000 pass 64 KB although they arrived as 14 KB.
        requests.Messages.AssertEqual(OnError<string>(230, ex => ex is QueryBufferOverflowException));
    }

    [Test]
    public void Counts_unread_input_toward_the_query_buffer_limit()
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(OnNext(210, "*1\r\n$100000\r\n"), OnNext(220, new string('v', 30_000)), OnNext(230, new string('v', 40_000)));

        var requests = scheduler.Start(() => chunks.ToFrames(new RespFramer(new RespLimits(QueryBufferLimit: 64 * 1024))).Select(RespText.Describe));

        requests.Messages.AssertEqual(OnError<string>(230, ex => ex is QueryBufferOverflowException));
    }

    [TestCase("*11\r\n", RespErrors.UnauthenticatedMultibulkLength)]
    [TestCase("*2\r\n$4\r\nECHO\r\n$16385\r\n", RespErrors.UnauthenticatedBulkLength)]
    [TestCase("*3000000\r\n", RespErrors.InvalidMultibulkLength)]
    [TestCase("*1\r\n$600000000\r\n", RespErrors.InvalidBulkLength)]
    public void Caps_requests_before_AUTH_as_Redis_7_does_after_its_absolute_limits(string input, string error)
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(OnNext(210, input));

        var requests = scheduler.Start(() => chunks.ToFrames(new RespFramer(new Client(authRequired: true))).Select(RespText.Describe));

        requests.Messages.AssertEqual(OnError<string>(210, ex => ex is ProtocolException && ex.Message == error));
    }

    [Test]
    public void Accepts_ten_arguments_and_16_KB_bulks_before_AUTH_and_anything_once_authenticated()
    {
        var client = new Client(authRequired: true);
        var framer = new RespFramer(client);
        var allowed = "*10\r\n" + string.Concat(Enumerable.Repeat("$16384\r\n" + new string('v', 16384) + "\r\n", 10));
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(allowed + "*11\r\n" + string.Concat(Enumerable.Repeat("$1\r\na\r\n", 11))));

        Assert.That(framer.TryReadFrame(ref buffer, out var first), Is.True);
        client.AuthRequired = false;
        Assert.That(framer.TryReadFrame(ref buffer, out var second), Is.True);

        Assert.That(first.Count, Is.EqualTo(10));
        Assert.That(second.Count, Is.EqualTo(11));
    }

    private sealed class Client(bool authRequired) : IRespClientLimits
    {
        public RespLimits Limits => RespLimits.Default;

        public bool AuthRequired { get; set; } = authRequired;
    }
}
