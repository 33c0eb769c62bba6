using System.Buffers;
using System.Text;
using CsCheck;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Commands;
using ReactiveCache.Commands.Memcached;
using ReactiveCache.Framing;
using ReactiveCache.Protocols.Memcached;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Protocols.Memcached;

/// <summary>
/// Properties of the memcached framer (line mode, and block mode after a storage command or <c>ms</c>) and of
/// the parsers and session behind it, on arbitrary bytes and on mutated valid requests.
/// </summary>
public sealed class MemcachedProperties
{
    private const int MaxLineLength = 128;
    private const int MaxItemSize = 64;

    private static readonly string[] s_valid =
    [
        "set k 0 0 5\r\nhello\r\n", "add k 1 10 1\r\na\r\n", "replace k 0 0 0\r\n\r\n", "append k 0 0 2\r\nzz\r\n",
        "prepend k 0 0 1 noreply\r\ny\r\n", "cas k 0 0 1 1\r\na\r\n", "get k k2\r\n", "gets k\r\n", "gat 10 k\r\n",
        "gats 0 k k2\r\n", "incr k 5\r\n", "decr k 5 noreply\r\n", "touch k 10\r\n", "delete k\r\n", "delete k 0 noreply\r\n",
        "mg k v t c f s k O123 q\r\n", "ms k 3 T10 F5 I\r\nabc\r\n", "ms k 2 MA C1\r\nab\r\n", "md k q I T30\r\n",
        "ma k N0 J10 D5 v\r\n", "ma k MD\r\n", "mn\r\n", "me k\r\n", "mg a2V5 b v k\r\n", "flush_all 0\r\n",
        "version\r\n", "verbosity 1\r\n", "stats\r\n", "stats settings\r\n", "set big 0 0 100\r\n" + new string('x', 100) + "\r\n",
        "set auth 0 0 14\r\ndefault secret\r\n", "\r\n", "set k 0 0 60 noreply" + new string(' ', 100) + "\r\n" + new string('v', 60) + "\r\n",
    ];

    private static readonly Gen<byte[]> s_input = Gen.OneOf(HostileInput.Bytes, HostileInput.Mutations(s_valid));

    [Test]
    public void Frames_the_same_requests_however_the_bytes_are_split() =>
        Gen.Select(s_input, HostileInput.Chunks).Sample((input, chunks) =>
        {
            var whole = FramerFeed.Run(NewFramer(), input, [], Describe);
            var split = FramerFeed.Run(NewFramer(), input, chunks, Describe);

            Assert.That(split.Frames, Is.EqualTo(whole.Frames));
            Assert.That(split.End, Is.EqualTo(whole.End));
        }, writeLine: TestContext.Out.WriteLine, time: 3, threads: 1, print: Show);

    [Test]
    public void Allocates_in_proportion_to_its_input_even_when_a_block_trickles_in() =>
        Gen.Select(s_input, HostileInput.Chunks).Sample((input, chunks) =>
        {
            var trickled = FramerFeed.Run(NewFramer(), input, [1], Describe);
            var split = FramerFeed.Run(NewFramer(), input, chunks, Describe);

            Assert.That(trickled.AllocatedBytes, Is.LessThanOrEqualTo((2 * input.Length) + 512));
            Assert.That(split.AllocatedBytes, Is.LessThanOrEqualTo((2 * input.Length) + 512));
        }, writeLine: TestContext.Out.WriteLine, time: 2, threads: 1, print: Show);

    [TestCase(null)]
    [TestCase("secret")]
    public void Every_frame_parses_to_a_command_and_executes_to_a_reply_without_throwing(string? password) =>
        Gen.Select(s_input, HostileInput.Chunks).Sample((input, chunks) =>
        {
            using var store = new CacheStore(scheduler: new TestScheduler());
            var protocol = new MemcachedProtocol(MaxLineLength, MaxItemSize);
            var session = new MemcachedSession(store, new MemcachedStatistics(), new ServerStatistics(store.Scheduler.Now),
                new MemcachedSettings(MaxItemSize, 10, 0, MaxLineLength), new DelayedFlush(store), new ServerAccess(password));

            var replies = FramerFeed.Run(protocol.CreateFramer(), input, chunks, frame => Execute(protocol, session, frame));

            Assert.That(replies.Frames.Where(reply => reply != "(silent)"), Has.All.EndWith("\r\n"));
        }, writeLine: TestContext.Out.WriteLine, time: 2, threads: 1, print: Show);

    private static MemcachedFramer NewFramer() => new(MaxLineLength, MaxItemSize);

    private static string Execute(MemcachedProtocol protocol, MemcachedSession session, MemcachedFrame frame)
    {
        var reply = session.Execute(protocol.Parse(frame));
        var output = new ArrayBufferWriter<byte>();
        protocol.Encode(reply, output);
        return output.WrittenCount == 0 ? "(silent)" : Encoding.Latin1.GetString(output.WrittenSpan);
    }

    private static string Describe(MemcachedFrame frame) =>
        $"{Encoding.Latin1.GetString(frame.Line.ToArray())} | {(frame.Data is null ? "-" : Convert.ToHexString(frame.Data))} | {frame.Error}";

    private static string Show((byte[] Input, int[] Chunks) sample) =>
        $"{Convert.ToHexString(sample.Input)} in reads of [{string.Join(",", sample.Chunks)}]: \"{Encoding.Latin1.GetString(sample.Input).ReplaceLineEndings("\\n")}\"";
}
