using System.Buffers;
using System.Reactive.Linq;
using System.Text;
using ReactiveCache.Framing;
using ReactiveCache.Protocols.Memcached;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// Runs a memcached framer over chunks as a connection's read loop does (unconsumed bytes wait for the
/// next chunk) and describes each frame as text: <c>line</c>, <c>line | data</c> or <c>line ! error</c>.
/// </summary>
internal static class FrameRecorder
{
    public static IObservable<string> ToFrameTexts(this IObservable<string> chunks, IFramer<MemcachedFrame> framer) =>
        chunks
            .Scan((Pending: Array.Empty<byte>(), Frames: (IReadOnlyList<string>)[]), (state, chunk) => Read(framer, state.Pending, chunk))
            .SelectMany(state => state.Frames);

    public static string Describe(MemcachedFrame frame)
    {
        var line = Encoding.ASCII.GetString(frame.Line.ToArray());
        return frame switch
        {
            { Error: { } error } => $"{line} ! {error}",
            { Data: { } data } => $"{line} | {Encoding.ASCII.GetString(data)}",
            _ => line,
        };
    }

    /// <summary>Splits text into chunks of <paramref name="size"/> characters.</summary>
    public static IEnumerable<string> Chunks(string text, int size)
    {
        for (var at = 0; at < text.Length; at += size)
        {
            yield return text.Substring(at, Math.Min(size, text.Length - at));
        }
    }

    private static (byte[] Pending, IReadOnlyList<string> Frames) Read(IFramer<MemcachedFrame> framer, byte[] pending, string chunk)
    {
        var buffer = new ReadOnlySequence<byte>([.. pending, .. Encoding.Latin1.GetBytes(chunk)]);
        var frames = new List<string>();
        while (framer.TryReadFrame(ref buffer, out var frame))
        {
            frames.Add(Describe(frame));
        }

        return (buffer.ToArray(), frames);
    }
}
