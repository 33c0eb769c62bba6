using System.Buffers;
using System.Text;
using CsCheck;
using NUnit.Framework;
using ReactiveCache.Framing;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Framing;

/// <summary>
/// Properties of <see cref="LineFramer"/> on any input: it ends, throws nothing but <see cref="ProtocolException"/>
/// (which <see cref="FramerFeed"/> turns into the outcome; anything else fails the spec), allocates no more than a
/// constant, and cuts the same lines however the bytes are split into reads.
/// </summary>
public sealed class LineFramerProperties
{
    private const int MaxLineLength = 64;

    [Test]
    public void Cuts_the_same_lines_however_arbitrary_bytes_are_split() =>
        Gen.Select(HostileInput.Bytes, HostileInput.Chunks).Sample((input, chunks) =>
        {
            var whole = FramerFeed.Run(new LineFramer(MaxLineLength), input, [], Describe);
            var split = FramerFeed.Run(new LineFramer(MaxLineLength), input, chunks, Describe);

            Assert.That(split.Frames, Is.EqualTo(whole.Frames));
            Assert.That(split.End, Is.EqualTo(whole.End));
        }, writeLine: TestContext.Out.WriteLine, time: 2, threads: 1);

    [Test]
    public void Allocates_nothing_per_byte_even_when_a_line_trickles_in_one_byte_a_read() =>
        Gen.Select(HostileInput.Bytes, HostileInput.Chunks).Sample((input, chunks) =>
        {
            var trickled = FramerFeed.Run(new LineFramer(MaxLineLength), input, [1], Describe);
            var split = FramerFeed.Run(new LineFramer(MaxLineLength), input, chunks, Describe);

            Assert.That(trickled.AllocatedBytes, Is.LessThanOrEqualTo(1024));
            Assert.That(split.AllocatedBytes, Is.LessThanOrEqualTo(1024));
        }, writeLine: TestContext.Out.WriteLine, time: 2, threads: 1);

    [Test]
    public void Every_line_is_within_the_limit_and_free_of_its_terminator() =>
        Gen.Select(HostileInput.Bytes, HostileInput.Chunks).Sample((input, chunks) =>
        {
            var lines = FramerFeed.Run(new LineFramer(MaxLineLength), input, chunks, Describe).Frames;

            Assert.That(lines, Has.All.Length.LessThanOrEqualTo(MaxLineLength));
            Assert.That(lines, Has.None.Contains('\n'));
        }, writeLine: TestContext.Out.WriteLine, time: 1, threads: 1);

    private static string Describe(ReadOnlySequence<byte> line) => Encoding.Latin1.GetString(line.ToArray());
}
