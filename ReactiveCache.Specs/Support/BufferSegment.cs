using System.Buffers;

namespace ReactiveCache.Specs.Support;

/// <summary>Builds multi-segment sequences, so framers meet data split across segments as a pipe hands it over.</summary>
internal sealed class BufferSegment : ReadOnlySequenceSegment<byte>
{
    private BufferSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> Sequence(IReadOnlyList<byte[]> segments)
    {
        if (segments.Count == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new BufferSegment(segments[0], 0);
        var last = first;
        foreach (var bytes in segments.Skip(1))
        {
            var next = new BufferSegment(bytes, last.RunningIndex + last.Memory.Length);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }
}
