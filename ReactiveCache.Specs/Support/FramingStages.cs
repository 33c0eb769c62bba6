using System.Buffers;
using System.Reactive.Linq;
using System.Text;
using ReactiveCache.Framing;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// Frames a stream of chunks the way a connection's read loop does: bytes a framer leaves unconsumed
/// stay in front of the next chunk, as separate segments.
/// </summary>
internal static class FramingStages
{
    public static IObservable<TFrame> ToFrames<TFrame>(this IObservable<string> chunks, IFramer<TFrame> framer) =>
        Observable.Create<TFrame>(observer =>
        {
            var unread = new Unread();
            return chunks.Subscribe(
                chunk => unread.Frame(Encoding.Latin1.GetBytes(chunk), framer, observer),
                observer.OnError,
                observer.OnCompleted);
        });

    /// <summary>Splits <paramref name="text"/> into chunks of <paramref name="size"/> characters.</summary>
    public static IEnumerable<string> Chunks(this string text, int size) =>
        Enumerable.Range(0, (text.Length + size - 1) / size).Select(i => text.Substring(i * size, Math.Min(size, text.Length - (i * size))));

    private sealed class Unread
    {
        private List<byte[]> _segments = [];
        private bool _failed;

        public void Frame<TFrame>(byte[] chunk, IFramer<TFrame> framer, IObserver<TFrame> observer)
        {
            if (_failed)
            {
                return;
            }

            _segments.Add(chunk);
            var buffer = BufferSegment.Sequence(_segments);
            try
            {
                while (framer.TryReadFrame(ref buffer, out var frame))
                {
                    observer.OnNext(frame);
                }
            }
            catch (Exception error) when (error is ProtocolException or QueryBufferOverflowException)
            {
                _failed = true;
                observer.OnError(error);
                return;
            }

            _segments = [];
            foreach (var memory in buffer)
            {
                _segments.Add(memory.ToArray());
            }
        }
    }
}
