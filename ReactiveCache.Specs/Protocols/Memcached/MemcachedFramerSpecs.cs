using System.Reactive.Linq;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Protocols.Memcached;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Protocols.Memcached;

public sealed class MemcachedFramerSpecs : ReactiveTest
{
    private const string Conversation =
        "get a b\r\nset k 5 0 3\r\nxyz\r\nappend k 0 0 0 noreply\r\n\r\nms m 2 T5\r\nhi\r\ncas k 0 0 1 7\r\n\n\r\nquit\n";

    private static readonly string[] s_conversationFrames =
    [
        "get a b",
        "set k 5 0 3 | xyz",
        "append k 0 0 0 noreply | ",
        "ms m 2 T5 | hi",
        "cas k 0 0 1 7 | \n",
        "quit",
    ];

    [Test]
    public void Joins_a_data_block_split_across_chunks()
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(
            OnNext(150, "get early\r\n"),
            OnNext(210, "set k 0 0 5\r\nhe"),
            OnNext(220, "llo"),
            OnNext(230, "\r"),
            OnNext(240, "\nget k\r\n"),
            OnCompleted<string>(300),
            OnNext(310, "get late\r\n"));

        var frames = scheduler.Start(() => chunks.ToFrameTexts(new MemcachedFramer(1024, 1024)));

        frames.Messages.AssertEqual(
            OnNext(240, "set k 0 0 5 | hello"),
            OnNext(240, "get k"),
            OnCompleted<string>(300));
        chunks.Subscriptions.AssertEqual(Subscribe(200, 300));
    }

    [Test]
    public void Frames_the_same_requests_whatever_the_chunk_size([Range(1, 16)] int chunkSize)
    {
        var scheduler = new TestScheduler();
        var chunks = FrameRecorder.Chunks(Conversation, chunkSize)
            .Select((chunk, index) => OnNext(210 + index, chunk))
            .ToArray();
        var source = scheduler.CreateColdObservable(chunks);

        var frames = scheduler.Start(() => source.ToFrameTexts(new MemcachedFramer(1024, 1024)), 0, 0, 10_000);

        Assert.That(frames.Messages.Select(message => message.Value.Value), Is.EqualTo(s_conversationFrames));
    }

    [Test]
    public void Frames_the_same_requests_at_every_split_point()
    {
        for (var split = 0; split <= Conversation.Length; split++)
        {
            var scheduler = new TestScheduler();
            var source = scheduler.CreateColdObservable(
                OnNext(10, Conversation[..split]),
                OnNext(20, Conversation[split..]));

            var frames = scheduler.Start(() => source.ToFrameTexts(new MemcachedFramer(1024, 1024)), 0, 0, 1_000);

            Assert.That(frames.Messages.Select(message => message.Value.Value), Is.EqualTo(s_conversationFrames), $"split at {split}");
        }
    }

    [Test]
    public void Reports_a_block_without_its_terminator_as_a_bad_data_chunk()
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(
            OnNext(210, "set k 0 0 2\r\nabcd\r\nget k\r\n"));

        var frames = scheduler.Start(() => chunks.ToFrameTexts(new MemcachedFramer(1024, 1024)));

        frames.Messages.AssertEqual(
            OnNext(210, "set k 0 0 2 ! " + MemcachedErrors.BadDataChunk),
            OnNext(210, ""),
            OnNext(210, "get k"));
    }

    [Test]
    public void Answers_an_oversized_item_at_once_and_swallows_its_block_as_it_arrives()
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(
            OnNext(210, "set big 0 0 10\r\n0123"),
            OnNext(220, "456789"),
            OnNext(230, "\r\nget big\r\n"));

        var frames = scheduler.Start(() => chunks.ToFrameTexts(new MemcachedFramer(1024, maxItemSize: 8)));

        frames.Messages.AssertEqual(
            OnNext(210, "set big 0 0 10 ! " + MemcachedErrors.TooLarge),
            OnNext(230, "get big"));
    }

    [Test]
    public void Reads_a_line_without_a_data_block_when_the_length_is_not_a_number()
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(
            OnNext(210, "set k 0 0 -1\r\nset k 0 0 x\r\n"));

        var frames = scheduler.Start(() => chunks.ToFrameTexts(new MemcachedFramer(1024, 1024)));

        frames.Messages.AssertEqual(
            OnNext(210, "set k 0 0 -1"),
            OnNext(210, "set k 0 0 x"));
    }

    [Test]
    public void Breaks_the_stream_on_a_line_over_the_limit()
    {
        var scheduler = new TestScheduler();
        var chunks = scheduler.CreateHotObservable(
            OnNext(210, new string('g', 100)));

        var frames = scheduler.Start(() => chunks.ToFrameTexts(new MemcachedFramer(16, 1024)));

        frames.Messages.AssertEqual(
            OnError<string>(210, error => error is ReactiveCache.Framing.ProtocolException));
    }

    [Test]
    public void Does_not_frame_the_storage_line_again_for_every_byte_of_its_block()
    {
        var line = "set k 0 0 1000 noreply" + new string(' ', 1000) + "\r\n";
        var input = System.Text.Encoding.ASCII.GetBytes(line + new string('v', 1000) + "\r\n");

        var trickled = FramerFeed.Run(new MemcachedFramer(4096, 4096), input, [1], frame => frame.Data?.Length.ToString() ?? "-");

        Assert.That(trickled.Frames, Is.EqualTo(new[] { "1000" }));
        Assert.That(trickled.AllocatedBytes, Is.LessThan(4 * input.Length), "the 1 KB line used to be copied for every byte of the block: 2 MB");
    }
}
