using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using ReactiveCache.Commands;
using ReactiveCache.Framing;
using ReactiveCache.Networking;
using ReactiveCache.Pipelines;
using ReactiveCache.Protocols;

namespace ReactiveCache.Hosting;

/// <summary>
/// Serves one connection from accept to close (Twisted's Protocol instance): frames in, commands
/// executed in order, replies out; the session's pushes queued behind the replies.
/// </summary>
internal static class ConnectionSession
{
    public static async Task ServeAsync<TFrame, TCommand, TReply, TSession>(
        Connection connection,
        ICacheProtocol<TFrame, TCommand, TReply> protocol,
        Func<TSession> openSession,
        ILogger logger,
        Func<Task> readyToClose,
        CancellationToken closeDeadline,
        // The framer for the session's connection (RESP's asks its session for limits); the protocol's fixed one when null.
        Func<TSession, IFramer<TFrame>>? framerFor = null,
        // The server's throttled limit events; a connection served alone (a spec) logs them unthrottled.
        ConnectionEvents? events = null)
        where TSession : ICommandSession<TCommand, TReply>
    {
        events ??= new ConnectionEvents(logger, System.Reactive.Concurrency.Scheduler.Default);
        using (var session = openSession())
        {
            // Before anything can be pushed or read: the output limit's class is the session's from the first message on.
            connection.IsSubscriber = () => session.IsSubscriber;
            connection.PendingReply = () => session.PendingReply;
            session.Attach(connection);
            if (session.AnswersInParts)
            {
                connection.ReplyParts = () => SendNextPart(connection, protocol, session);
            }

            // Subscribed before the read loop starts, so no command runs before its pushes have somewhere to go. Pushes
            // join the connection's bounded queue; the read loop writes them around each batch's replies, in queue order.
            using (session.Pushes.Subscribe(
                       onNext: message => connection.Push(protocol, message),
                       onError: connection.Fail,
                       onCompleted: static () => { }))
            using (connection.ReceivedFrames(framerFor?.Invoke(session) ?? protocol.CreateFramer())
                       .ToCommands(protocol)
                       .ExecuteAgainst(session)
                       .Subscribe(
                           onNext: reply => connection.Send(protocol, reply),
                           onError: error => Fail(connection, protocol, error, logger, events),
                           onCompleted: () => logger.LogDebug("Connection {Id}: the peer finished sending", connection.Id)))
            {
                // The loop stops after its subscriber has handled the end (a bug thrown out of OnNext included).
                await connection.ReadLoopStopped;

                // At shutdown, other connections may still be finishing a batch whose changes this one watches.
                await readyToClose();
            }
        }

        await connection.CloseAsync(closeDeadline);
        logger.LogDebug("Connection {Id} from {Remote} closed", connection.Id, connection.RemoteEndPoint);
    }

    private static bool SendNextPart<TFrame, TCommand, TReply, TSession>(
        Connection connection, ICacheProtocol<TFrame, TCommand, TReply> protocol, TSession session)
        where TSession : ICommandSession<TCommand, TReply>
    {
        if (session.NextReplyPart() is not { } part)
        {
            return false;
        }

        connection.Send(protocol, part);
        return true;
    }

    /// <summary>Refuses a connection (over the client limit, or by protected mode) with the protocol's error, then closes it.</summary>
    public static async Task RejectAsync<TFrame, TCommand, TReply>(
        Connection connection, ICacheProtocol<TFrame, TCommand, TReply> protocol, TReply refusal, CancellationToken closeDeadline)
    {
        protocol.Encode(refusal, connection.Output);
        await connection.CloseAsync(closeDeadline);
    }

    // The error tiers of STYLE.md: a broken stream gets its last words; a peer that went away is
    // expected; anything else is a bug, logged, and closes only this connection.
    private static void Fail<TFrame, TCommand, TReply>(
        Connection connection, ICacheProtocol<TFrame, TCommand, TReply> protocol, Exception error, ILogger logger, ConnectionEvents events)
    {
        switch (error)
        {
            // The limits' one log entry: ClientsCron's closes (output buffer, maxmemory-clients) arrive here as well.
            case QueryBufferOverflowException or OutputOverflowException or ClientEvictedException:
                events.ClosedOverLimit(connection.Id, connection.RemoteEndPoint, error.Message);
                break;
            case ProtocolException:
                logger.LogDebug("Connection {Id} closed: {Reason}", connection.Id, error.Message);
                break;
            case IOException or SocketException or ObjectDisposedException:
                logger.LogDebug("Connection {Id} dropped by the peer: {Reason}", connection.Id, error.Message);
                return;
            default:
                logger.LogError(error, "Connection {Id} failed; closing it", connection.Id);
                break;
        }

        if (protocol.FinalReply(error) is { } last)
        {
            protocol.Encode(last, connection.Output);
        }
    }
}
