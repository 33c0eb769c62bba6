using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Text;
using ReactiveCache.Framing;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// Frames a stream of chunks through a real <see cref="Networking.Connection"/>'s read loop: each chunk is written to
/// its in-memory pipe as one segment, the loop frames whatever is unread (bytes a framer leaves stay in the pipe until
/// the next read, through <c>AdvanceTo</c>), and the chunks' end is the client hanging up.
/// </summary>
internal static class FramingStages
{
    /// <summary>
    /// The frames the connection's loop emits. They live for their <c>OnNext</c>, as on a socket: describe them in a
    /// <c>Select</c> straight after this, before anything that defers delivery.
    /// </summary>
    public static IObservable<TFrame> ToFrames<TFrame>(this IObservable<string> chunks, IFramer<TFrame> framer) =>
        Observable.Create<TFrame>(observer =>
        {
            var client = new FakeConnection();
            var frames = client.Connection.ReceivedFrames(framer).Subscribe(observer);
            var sent = chunks.Subscribe(
                chunk => client.Send(Encoding.Latin1.GetBytes(chunk)),
                observer.OnError,
                client.Hangup);
            return new CompositeDisposable(sent, frames);
        });

    /// <summary>Splits <paramref name="text"/> into chunks of <paramref name="size"/> characters.</summary>
    public static IEnumerable<string> Chunks(this string text, int size) =>
        Enumerable.Range(0, (text.Length + size - 1) / size).Select(i => text.Substring(i * size, Math.Min(size, text.Length - (i * size))));
}
