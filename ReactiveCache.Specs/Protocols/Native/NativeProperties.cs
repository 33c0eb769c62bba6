using System.Buffers;
using System.Text;
using CsCheck;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Commands.Native;
using ReactiveCache.Commands;
using ReactiveCache.Framing;
using ReactiveCache.Protocols.Native;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Protocols.Native;

/// <summary>
/// Properties of the native protocol behind its line framer: any line parses to a command (an invalid one
/// included), and the session executes it to exactly one reply line or block, without throwing.
/// </summary>
public sealed class NativeProperties
{
    private static readonly string[] s_valid =
    [
        "PUT k v\r\n", "PUT k \r\n", "GET k\r\n", "DEL k\r\n", "EXPIRE k 10\r\n", "EXPIRE k -1\r\n", "TTL k\r\n", "PERSIST k\r\n",
        "KEYS *\r\n", "KEYS\r\n", "WATCH k* FROM 0\r\n", "WATCH *\r\n", "UNWATCH\r\n", "PING\r\n", "STATS\r\n", "HELP\r\n",
        "AUTH secret\r\n", "AUTH wrong\r\n", "QUIT\r\n", "\r\n", "put K V\n",
    ];

    private static readonly Gen<byte[]> s_input = Gen.OneOf(HostileInput.Bytes, HostileInput.Mutations(s_valid));

    [TestCase(null)]
    [TestCase("secret")]
    public void Every_line_parses_and_executes_to_one_reply_without_throwing(string? password) =>
        Gen.Select(s_input, HostileInput.Chunks).Sample((input, chunks) =>
        {
            using var store = new CacheStore(scheduler: new TestScheduler());
            var protocol = new NativeProtocol(256);
            using var session = new NativeSession(store, new ServerStatistics(store.Scheduler.Now), new ServerAccess(password));

            var replies = FramerFeed.Run(protocol.CreateFramer(), input, chunks, line => Execute(protocol, session, line));

            Assert.That(replies.Frames, Has.All.EndWith("\r\n"));
            Assert.That(replies.End, Does.StartWith("waiting").Or.EqualTo("broken: " + LineFramer.LineTooLong));
        }, writeLine: TestContext.Out.WriteLine, time: 3, threads: 1, print: sample => Encoding.Latin1.GetString(sample.Item1).ReplaceLineEndings("\\n"));

    [Test]
    public void Parsing_allocates_a_constant_per_command_plus_a_few_times_its_bytes() =>
        Gen.Select(s_input, HostileInput.Chunks).Sample((input, chunks) =>
        {
            var protocol = new NativeProtocol(256);
            long allocated = 0;

            var lines = FramerFeed.Run(protocol.CreateFramer(), input, chunks, line =>
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var command = protocol.CarriesCommand(line) ? protocol.Parse(line) : null;
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                return command?.GetType().Name ?? "blank";
            });

            // A constant per command (its record and error text) plus a few times its bytes (key, value, UTF-16 text).
            Assert.That(allocated, Is.LessThanOrEqualTo((4 * input.Length) + (512 * lines.Frames.Count)));
        }, writeLine: TestContext.Out.WriteLine, time: 2, threads: 1);

    private static string Execute(NativeProtocol protocol, NativeSession session, ReadOnlySequence<byte> line)
    {
        if (!protocol.CarriesCommand(line))
        {
            return "\r\n";
        }

        var output = new ArrayBufferWriter<byte>();
        protocol.Encode(session.Execute(protocol.Parse(line)), output);
        return Encoding.Latin1.GetString(output.WrittenSpan);
    }
}
