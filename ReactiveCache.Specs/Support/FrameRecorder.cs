using System.Buffers;
using System.Reactive.Linq;
using System.Text;
using ReactiveCache.Framing;
using ReactiveCache.Protocols.Memcached;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// Runs a memcached framer over chunks through a real connection's read loop (<see cref="FramingStages.ToFrames"/>:
/// unconsumed bytes wait in the pipe for the next chunk) and describes each frame as text, inside its <c>OnNext</c>:
/// <c>line</c>, <c>line | data</c> or <c>line ! error</c>.
/// </summary>
internal static class FrameRecorder
{
    public static IObservable<string> ToFrameTexts(this IObservable<string> chunks, IFramer<MemcachedFrame> framer) =>
        chunks
            .ToFrames(framer)
            .Select(Describe);

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
}
