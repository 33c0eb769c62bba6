namespace ReactiveCache.Commands;

/// <summary>
/// One connection's conversation with the store: executes its commands in order and keeps its
/// per-connection state (watches, selected database, subscriptions). Disposing it ends that state.
/// </summary>
internal interface ICommandSession<in TCommand, out TReply> : IDisposable
{
    TReply Execute(TCommand command);
}
