using System.Reactive;
using System.Reactive.Linq;
using System.Reactive.Subjects;

namespace ReactiveCache.Commands;

/// <summary>
/// What one session sends its client besides replies: each subscription a command makes (a native WATCH, a Redis
/// channel or pattern) adds its stream here, and <see cref="Merged"/> is all of them merged into one. Each stream
/// runs until its own end signal (UNWATCH, UNSUBSCRIBE) or until the session is disposed, whichever comes first.
/// </summary>
/// <remarks>
/// <see cref="Merged"/> is hot and meant for one subscriber, the connection, subscribed before the first command
/// runs: a stream added while nobody listens is not subscribed at all. Merge serializes the streams' OnNext (they
/// come from other connections' threads and from the store's delivery), so the subscriber sees one message at a time.
/// </remarks>
internal sealed class PushStreams<TReply> : IDisposable
{
    // Both are called only by the session's own commands, one at a time: neither subject is ever called concurrently.
    // A Subject of streams and Merge is Rx's way of merging streams that are not all known at the start.
    private readonly Subject<IObservable<TReply>> _added = new();
    private readonly Subject<Unit> _closed = new();

    public PushStreams() => Merged = _added.Merge();

    public IObservable<TReply> Merged { get; }

    /// <summary>Subscribes <paramref name="stream"/> into <see cref="Merged"/> now (its subscription side effects happen here).</summary>
    public void Add(IObservable<TReply> stream) => _added.OnNext(stream.TakeUntil(_closed));

    /// <summary>Ends every stream (so each disposes its subscription upstream), then <see cref="Merged"/> completes.</summary>
    public void Dispose()
    {
        _closed.OnNext(Unit.Default);
        _added.OnCompleted();
    }
}
