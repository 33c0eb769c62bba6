using System.Buffers;
using System.Text;

namespace ReactiveCache.Specs.Support;

/// <summary>A <see cref="ReadOnlySequence{T}"/> of several text segments, as a pipe hands over data that arrived in pieces.</summary>
internal static class Segments
{
    public static ReadOnlySequence<byte> Of(params string[] parts) =>
        BufferSegment.Sequence(parts.Select(part => Encoding.UTF8.GetBytes(part)).ToArray());
}
