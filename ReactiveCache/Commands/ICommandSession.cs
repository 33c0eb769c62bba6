namespace ReactiveCache.Commands;

/// <summary>
/// One connection's conversation with the store: executes its commands in order and keeps its
/// per-connection state (watches, selected database, subscriptions). Disposing it ends that state.
/// </summary>
internal interface ICommandSession<in TCommand, out TReply> : IDisposable
{
    TReply Execute(TCommand command);

    /// <summary>
    /// True while the session listens for pushed messages (Redis SUBSCRIBE/PSUBSCRIBE, native WATCH): its output is
    /// limited as the pubsub client class and it is exempt from the idle timeout. Read from other threads.
    /// </summary>
    bool IsSubscriber => false;
}
