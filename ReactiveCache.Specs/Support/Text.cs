using System.Buffers;
using System.Reactive.Linq;
using System.Text;

namespace ReactiveCache.Specs.Support;

/// <summary>Maps byte frames to text, because stream elements under test need value equality.</summary>
internal static class Text
{
    public static IObservable<string> AsText(this IObservable<ReadOnlySequence<byte>> frames) =>
        frames.Select(frame => Encoding.UTF8.GetString(frame.ToArray()));

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Of(byte[]? bytes) => bytes is null ? "<null>" : Encoding.UTF8.GetString(bytes);
}
