using System.Reactive.Linq;
using ReactiveCache.Commands;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// A session whose pushes a spec also records, on their way to the connection. A session's pushes are one hot stream
/// meant for one subscriber (the connection), so the record is a tap on that stream, not a second subscription.
/// </summary>
internal sealed class PushTap<TCommand, TReply>(ICommandSession<TCommand, TReply> session, Action<TReply> record)
    : ICommandSession<TCommand, TReply>
{
    public IObservable<TReply> Pushes { get; } = session.Pushes.Do(record);

    public bool IsSubscriber => session.IsSubscriber;

    public TReply Execute(TCommand command) => session.Execute(command);

    public void Attach(ReactiveCache.Networking.Connection connection) => session.Attach(connection);

    public bool AnswersInParts => session.AnswersInParts;

    public TReply? NextReplyPart() => session.NextReplyPart();

    public void Dispose() => session.Dispose();
}
