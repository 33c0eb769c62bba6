using System.Buffers;
using System.Text;

namespace ReactiveCache.Benchmarks;

/// <summary>
/// Pipelined native-protocol input, as a client would send it: <c>count</c> CRLF-terminated lines over
/// <see cref="KeyCount"/> distinct keys, so a PUT overwrites and a GET finds what <see cref="Preload"/> stored.
/// </summary>
internal static class NativeInput
{
    public const int KeyCount = 1000;

    public static readonly byte[] Value = "0123456789abcdef0123456789abcdef"u8.ToArray();

    public static byte[] Key(int index) => Encoding.ASCII.GetBytes($"key:{index % KeyCount}");

    public static void Preload(CacheStore store)
    {
        for (var index = 0; index < KeyCount; index++)
        {
            store.Set(Key(index), Value);
        }
    }

    public static byte[] Lines(CommandMix mix, int count)
    {
        var text = new StringBuilder();
        for (var index = 0; index < count; index++)
        {
            text.Append(Line(mix, index)).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>The same bytes cut into segments, as a <c>PipeReader</c> hands over a long read.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentSize)
    {
        var first = new Segment(bytes.AsMemory(0, Math.Min(segmentSize, bytes.Length)), runningIndex: 0);
        var last = first;
        for (var start = segmentSize; start < bytes.Length; start += segmentSize)
        {
            last = last.Append(bytes.AsMemory(start, Math.Min(segmentSize, bytes.Length - start)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private static string Line(CommandMix mix, int index) => mix switch
    {
        CommandMix.GetHit => $"GET key:{index % KeyCount}",
        CommandMix.GetMiss => $"GET missing:{index % KeyCount}",
        CommandMix.Put => $"PUT key:{index % KeyCount} {Encoding.ASCII.GetString(Value)}",
        _ => throw new ArgumentOutOfRangeException(nameof(mix), mix, null),
    };

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
