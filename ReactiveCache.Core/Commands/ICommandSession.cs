using System.Reactive.Linq;

namespace ReactiveCache.Commands;

/// <summary>
/// One connection's conversation with the store: executes its commands in order and keeps its
/// per-connection state (watches, selected database, subscriptions). Disposing it ends that state.
/// </summary>
internal interface ICommandSession<in TCommand, out TReply> : IDisposable
{
    TReply Execute(TCommand command);

    /// <summary>
    /// What the client receives besides replies (native WATCH changes, Redis pub/sub messages and keyspace
    /// notifications, a CLIENT KILL): one stream merged from every subscription the session's commands make, its
    /// OnNext serialized. Hot: subscribe once, before the first <see cref="Execute"/>. Each subscription is made during
    /// the <see cref="Execute"/> of the command that asks for it, and the connection writes pushes made during a batch
    /// after its replies (those queued before it, before them), so no push overtakes the reply of the command that
    /// subscribed. Completes when the session is disposed.
    /// </summary>
    IObservable<TReply> Pushes => Observable.Empty<TReply>();

    /// <summary>
    /// True while the session listens for pushed messages (Redis SUBSCRIBE/PSUBSCRIBE, native WATCH): its output is
    /// limited as the pubsub client class and it is exempt from the idle timeout. Read from other threads.
    /// </summary>
    bool IsSubscriber => false;

    /// <summary>
    /// Non-null while the command last executed answers later (a blocked BLPOP, a reply too big to build on the
    /// socket's thread): its reply goes out through <see cref="Pushes"/>, and the task completes once it has. Until
    /// then the connection executes nothing more, as Redis holds a blocked client's next commands, but keeps watching
    /// the socket, so a client that goes away ends its wait. Read right after each <see cref="Execute"/>.
    /// </summary>
    Task? PendingReply => null;

    /// <summary>Told the connection it serves before its first command (the client's address, for SLOWLOG and MONITOR).</summary>
    void Attach(Networking.Connection connection)
    {
    }
}
