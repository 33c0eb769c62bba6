using System.Buffers;
using System.Runtime.ExceptionServices;
using ReactiveCache.Framing;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// Feeds a framer through a real connection's read loop (<see cref="FakeConnection"/>): the input arrives in reads,
/// one pipe segment each, the loop hands the framer everything not yet consumed and asks it for frames until it has
/// none, then gives the consumed bytes back to the pipe. Counts the bytes the framer allocates (and nothing else,
/// not the loop nor the specs' own debug checks) with the thread's allocation counter.
/// </summary>
internal static class FramerFeed
{
    /// <summary>What came out: each frame as described, how the stream ended, and what the framer allocated.</summary>
    public sealed record Outcome(IReadOnlyList<string> Frames, string End, long AllocatedBytes);

    public static Outcome Run<TFrame>(IFramer<TFrame> framer, byte[] input, IReadOnlyList<int> chunkSizes, Func<TFrame, string> describe) =>
        Run(framer, Cut(input, chunkSizes), describe);

    /// <summary>Frames <paramref name="reads"/>, each arriving as one read; <paramref name="describe"/> runs inside OnNext.</summary>
    public static Outcome Run<TFrame>(IFramer<TFrame> framer, IReadOnlyList<byte[]> reads, Func<TFrame, string> describe)
    {
        var measured = new MeasuredFramer<TFrame>(framer);
        var client = new FakeConnection();
        var frames = new List<string>();
        string? end = null;
        Exception? bug = null;
        using (client.Connection.ReceivedFrames(measured).Subscribe(
                   frame => frames.Add(describe(frame)),
                   error =>
                   {
                       end = "broken: " + error.Message;
                       bug = error is ProtocolException or QueryBufferOverflowException ? null : error;
                   }))
        {
            foreach (var read in reads.Where(read => read.Length > 0))
            {
                client.Send(read);
            }
        }

        if (bug is not null)
        {
            ExceptionDispatchInfo.Capture(bug).Throw();
        }

        return new Outcome(frames, end ?? $"waiting with {measured.Unread} bytes unread", measured.AllocatedBytes);
    }

    private static List<byte[]> Cut(byte[] input, IReadOnlyList<int> chunkSizes)
    {
        var chunks = new List<byte[]>();
        var offset = 0;
        for (var i = 0; offset < input.Length; i++)
        {
            var size = chunkSizes.Count == 0 ? input.Length : Math.Clamp(chunkSizes[i % chunkSizes.Count], 1, input.Length - offset);
            chunks.Add(input[offset..(offset + size)]);
            offset += size;
        }

        return chunks;
    }

    /// <summary>The framer under test, measured: what it allocates, what it leaves unread, and that a frame consumes input.</summary>
    private sealed class MeasuredFramer<TFrame>(IFramer<TFrame> framer) : IFramer<TFrame>
    {
        public long AllocatedBytes { get; private set; }

        public long Unread { get; private set; }

        public long HeldBytes => framer.HeldBytes;

        public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out TFrame frame)
        {
            var length = buffer.Length;
            var before = GC.GetAllocatedBytesForCurrentThread();
            bool complete;
            try
            {
                complete = framer.TryReadFrame(ref buffer, out frame);
            }
            catch
            {
                // Measured where it is caught, as a framer's own caller would; the rethrow's cost is the loop's.
                AllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - before;
                throw;
            }

            AllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - before;

            Unread = buffer.Length;
            if (complete && buffer.Length >= length)
            {
                throw new InvalidOperationException("a frame must consume input, or the read loop spins");
            }

            return complete;
        }
    }
}
