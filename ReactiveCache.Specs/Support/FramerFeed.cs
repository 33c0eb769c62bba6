using System.Buffers;
using ReactiveCache.Framing;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// Feeds a framer as a connection's read loop does: the input arrives in chunks, each read hands the framer
/// everything not yet consumed (as a sequence of one segment per chunk), and the framer is asked for frames until
/// it has none. Counts the bytes the framer allocates (and nothing else) with the thread's allocation counter.
/// </summary>
internal static class FramerFeed
{
    /// <summary>What came out: each frame as described, how the stream ended, and what the framer allocated.</summary>
    public sealed record Outcome(IReadOnlyList<string> Frames, string End, long AllocatedBytes);

    public static Outcome Run<TFrame>(IFramer<TFrame> framer, byte[] input, IReadOnlyList<int> chunkSizes, Func<TFrame, string> describe)
    {
        var frames = new List<string>();
        var chunks = Cut(input, chunkSizes);
        var received = new List<byte[]>();
        long receivedBytes = 0;
        long unread = 0;
        long allocated = 0;
        foreach (var chunk in chunks)
        {
            received.Add(chunk);
            receivedBytes += chunk.Length;
            var buffer = BufferSegment.Sequence(received).Slice(receivedBytes - unread - chunk.Length);
            while (true)
            {
                bool complete;
                TFrame frame;
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    complete = framer.TryReadFrame(ref buffer, out frame);
                }
                catch (ProtocolException broken)
                {
                    allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                    return new Outcome(frames, "broken: " + broken.Message, allocated);
                }

                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                if (!complete)
                {
                    break;
                }

                frames.Add(describe(frame));
            }

            unread = buffer.Length;
        }

        return new Outcome(frames, $"waiting with {unread} bytes unread", allocated);
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
}
