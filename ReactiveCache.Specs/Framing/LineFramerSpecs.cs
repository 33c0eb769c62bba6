using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Framing;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Framing;

public sealed class LineFramerSpecs : ReactiveTest
{
    private const string Input = "PUT greeting hello world\r\nGET greeting\nDEL x\r\n";
    private static readonly string[] s_lines = ["PUT greeting hello world", "GET greeting", "DEL x"];

    [Test]
    public void Joins_a_line_split_across_chunks()
    {
        var scheduler = new TestScheduler();
        var client = new FakeConnection();
        var chunks = scheduler.CreateHotObservable(
            OnNext(150, "PING\r\n"), // before subscribe (200): buffered like a socket's, delivered at 200
            OnNext(210, "GET fo"),
            OnNext(230, "o\r\nGET bar\r\n"),
            OnCompleted<string>(300),
            OnNext(310, "late\r\n"));
        chunks.Subscribe(client.Send, _ => { }, client.Hangup);

        var lines = scheduler.Start(() => client.Connection.ReceivedFrames(new LineFramer(64)).AsText());

        lines.Messages.AssertEqual(
            OnNext(200, "PING"),
            OnNext(230, "GET foo"),
            OnNext(230, "GET bar"),
            OnCompleted<string>(300));
    }

    [Test]
    public void Frames_the_same_lines_at_every_split_point()
    {
        for (var split = 0; split <= Input.Length; split++)
        {
            var lines = FrameInChunks(Input[..split], Input[split..]);

            Assert.That(lines, Is.EqualTo(s_lines), $"split at {split}");
        }
    }

    [Test]
    public void Frames_the_same_lines_whatever_the_chunk_size([Range(1, 16)] int chunkSize)
    {
        var chunks = Enumerable.Range(0, (Input.Length + chunkSize - 1) / chunkSize)
            .Select(index => Input.Substring(index * chunkSize, Math.Min(chunkSize, Input.Length - (index * chunkSize))))
            .ToArray();

        Assert.That(FrameInChunks(chunks), Is.EqualTo(s_lines));
    }

    [Test]
    public void Accepts_a_line_exactly_at_the_limit()
    {
        var line = new string('x', 16);

        Assert.That(FrameInChunks(line + "\r\n"), Is.EqualTo(new[] { line }));
    }

    [Test]
    public void Fails_the_stream_on_a_line_over_the_limit_even_before_its_end_arrives()
    {
        var scheduler = new TestScheduler();
        var client = new FakeConnection();
        var chunks = scheduler.CreateHotObservable(
            OnNext(210, "OK\n"),
            OnNext(220, new string('x', 17)));
        chunks.Subscribe(client.Send);

        var lines = scheduler.Start(() => client.Connection.ReceivedFrames(new LineFramer(16)).AsText());

        lines.Messages.AssertEqual(
            OnNext(210, "OK"),
            OnError<string>(220, error => error is ProtocolException { Message: LineFramer.LineTooLong }));
    }

    [Test]
    public void Keeps_blank_lines_as_empty_frames()
    {
        Assert.That(FrameInChunks("\r\n\nPING\n"), Is.EqualTo(new[] { "", "", "PING" }));
    }

    [Test]
    public void Completes_without_the_unterminated_tail_when_the_peer_hangs_up_mid_line()
    {
        var scheduler = new TestScheduler();
        var client = new FakeConnection();
        var chunks = scheduler.CreateHotObservable(
            OnNext(210, "PING\nGET hal"),
            OnCompleted<string>(220));
        chunks.Subscribe(client.Send, _ => { }, client.Hangup);

        var lines = scheduler.Start(() => client.Connection.ReceivedFrames(new LineFramer(64)).AsText());

        lines.Messages.AssertEqual(
            OnNext(210, "PING"),
            OnCompleted<string>(220));
    }

    private static List<string> FrameInChunks(params string[] chunks)
    {
        var client = new FakeConnection();
        var lines = new List<string>();
        using var subscription = client.Connection.ReceivedFrames(new LineFramer(16 * 1024)).AsText().Subscribe(lines.Add);
        foreach (var chunk in chunks.Where(chunk => chunk.Length > 0))
        {
            client.Send(chunk);
        }

        return lines;
    }
}
