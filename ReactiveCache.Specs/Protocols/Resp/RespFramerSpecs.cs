using System.Reactive.Linq;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Framing;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Protocols.Resp;

public sealed class RespFramerSpecs : ReactiveTest
{
    private const string Pipeline = "*2\r\n$3\r\nGET\r\n$1\r\nk\r\nPING\r\n*3\r\n$3\r\nSET\r\n$4\r\na\r\nb\r\n$0\r\n\r\n  set  \"x y\"  'z'\r\n*0\r\n\r\n";

    [Test]
    public void Frames_multibulk_and_inline_requests_split_across_chunks()
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(
            OnNext(150, "*1\r\n$4\r\nNOISE\r\n"),
            OnNext(210, "*2\r\n$3\r\nGE"),
            OnNext(220, "T\r\n$1\r\nk\r\nPI"),
            OnNext(230, "NG\r\n"),
            OnCompleted<string>(300),
            OnNext(310, "PING\r\n"));

        var requests = scheduler.Start(() => chunks.ToFrames(new RespFramer(RespLimits.Default)).Select(RespText.Describe));

        requests.Messages.AssertEqual(
            OnNext(220, "GET|k"),
            OnNext(230, "PING"),
            OnCompleted<string>(300));
        chunks.Subscriptions.AssertEqual(Subscribe(200, 300));
    }

    [Test]
    public void Frames_the_same_requests_whatever_the_chunk_size([Range(1, 16)] int chunkSize)
    {
        var scheduler = new TestScheduler();
        var messages = Pipeline.Chunks(chunkSize).Select((chunk, i) => OnNext(210 + i, chunk)).ToList();
        messages.Add(OnCompleted<string>(1000));
        var chunks = scheduler.CreateHotObservable(messages.ToArray());

        var requests = scheduler.Start(() => chunks.ToFrames(new RespFramer(RespLimits.Default)).Select(RespText.Describe), 100, 200, 2000);

        Assert.That(requests.Messages.Where(m => m.Value.HasValue).Select(m => m.Value.Value),
            Is.EqualTo(new[] { "GET|k", "PING", "SET|a\r\nb|", "set|x y|z", "", "" }));
        Assert.That(requests.Messages.Last().Value.Kind, Is.EqualTo(System.Reactive.NotificationKind.OnCompleted));
    }

    [Test]
    public void Keeps_binary_bulk_strings_intact()
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(OnNext(210, "*2\r\n$4\r\nECHO\r\n$6\r\n\0\r\n\xff*$\r\n"));

        var requests = scheduler.Start(() => chunks.ToFrames(new RespFramer(RespLimits.Default)).Select(RespText.Describe));

        requests.Messages.AssertEqual(OnNext(210, "ECHO|\0\r\n\xff*$"));
    }

    [TestCase("*x\r\n", RespErrors.InvalidMultibulkLength)]
    [TestCase("*1\r\n+PING\r\n", "Protocol error: expected '$', got '+'")]
    [TestCase("*1\r\n$-3\r\n", RespErrors.InvalidBulkLength)]
    [TestCase("*1\r\n$abc\r\n", RespErrors.InvalidBulkLength)]
    [TestCase("SET \"unbalanced\r\n", RespErrors.UnbalancedQuotes)]
    [TestCase("SET \"a\"b\r\n", RespErrors.UnbalancedQuotes)]
    public void Breaks_the_stream_with_Redis_words_on_a_malformed_request(string input, string error)
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(OnNext(210, "PING\r\n"), OnNext(220, input), OnNext(230, "PING\r\n"));

        var requests = scheduler.Start(() => chunks.ToFrames(new RespFramer(RespLimits.Default)).Select(RespText.Describe));

        requests.Messages.AssertEqual(
            OnNext(210, "PING"),
            OnError<string>(220, ex => ex is ProtocolException && ex.Message == error));
    }

    // Redis finds the end of an inline line with strchr, which stops at a NUL: the line never ends, and the
    // request waits until the unread input passes the inline limit.
    [TestCase("PING\0\r\n")]
    [TestCase("\0PING\r\n")]
    [TestCase("ECHO \"a\0b\"\r\n")]
    public void Treats_a_NUL_in_an_inline_request_as_Redis_does_and_never_spins(string input)
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(OnNext(210, "PING\r\n" + input + "PING\r\n"), OnNext(220, new string('a', 40)));

        var requests = scheduler.Start(() => chunks.ToFrames(new RespFramer(new RespLimits(MaxInlineLength: 32))).Select(RespText.Describe));

        requests.Messages.AssertEqual(
            OnNext(210, "PING"),
            OnError<string>(220, ex => ex.Message == RespErrors.TooBigInline));
    }

    [TestCase("*1\0\r\n$4\r\nPING\r\n", RespErrors.TooBigMultibulkCount)]
    [TestCase("*1\r\n$\04\r\nPING\r\n", RespErrors.TooBigBulkCount)]
    public void Treats_a_NUL_in_a_length_line_as_Redis_does(string input, string error)
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(OnNext(210, input), OnNext(220, new string('a', 40)));

        var requests = scheduler.Start(() => chunks.ToFrames(new RespFramer(new RespLimits(MaxInlineLength: 32))).Select(RespText.Describe));

        requests.Messages.AssertEqual(OnError<string>(220, ex => ex.Message == error));
    }

    [Test]
    public void Breaks_the_stream_when_an_inline_request_exceeds_the_limit()
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(OnNext(210, new string('a', 20)), OnNext(220, new string('a', 20)));

        var requests = scheduler.Start(() => chunks.ToFrames(new RespFramer(new RespLimits(MaxInlineLength: 32))).Select(RespText.Describe));

        requests.Messages.AssertEqual(OnError<string>(220, ex => ex.Message == RespErrors.TooBigInline));
    }

    [TestCase("*1\r\n$11\r\n", RespErrors.InvalidBulkLength)]
    [TestCase("*4\r\n", RespErrors.InvalidMultibulkLength)]
    public void Breaks_the_stream_when_a_bulk_or_count_exceeds_the_limits(string input, string error)
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(OnNext(210, input));

        var requests = scheduler.Start(() => chunks.ToFrames(new RespFramer(new RespLimits(MaxBulkLength: 10, MaxMultibulkLength: 3))).Select(RespText.Describe));

        requests.Messages.AssertEqual(OnError<string>(210, ex => ex.Message == error));
    }

    [Test]
    public void Waits_for_a_large_bulk_string_without_reading_it_twice()
    {
        var scheduler = new TestScheduler();
        var value = new string('v', 100_000);
        var request = $"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n${value.Length}\r\n{value}\r\n";
        var messages = request.Chunks(4096).Select((chunk, i) => OnNext(210 + i, chunk)).ToArray();
        var chunks = scheduler.CreateHotObservable(messages);

        var requests = scheduler.Start(() => chunks.ToFrames(new RespFramer(RespLimits.Default)).Select(RespText.Describe), 100, 200, 2000);

        Assert.That(requests.Messages.Select(m => m.Value.Value), Is.EqualTo(new[] { $"SET|k|{value}" }));
    }
}
