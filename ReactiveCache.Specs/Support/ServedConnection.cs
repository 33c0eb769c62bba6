using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging.Abstractions;
using ReactiveCache.Commands;
using ReactiveCache.Framing;
using ReactiveCache.Hosting;
using ReactiveCache.Networking;
using ReactiveCache.Protocols;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// One connection of any protocol served by the server's own pipeline (<see cref="ConnectionSession"/>: the
/// connection's read loop, the protocol's framer, parser and encoder, the session, one flush per batch) over an
/// in-memory <see cref="FakeConnection"/>. The native, memcached and Redis harnesses are this class with words of
/// their own protocol; it is the only place specs open a session, so a change to how sessions open is made here.
/// </summary>
internal sealed class ServedConnection<TFrame, TCommand, TReply> : IServedConnection
{
    private static readonly TimeSpan s_closeWait = TimeSpan.FromSeconds(10);

    /// <param name="protocol">The wire protocol, as the server's listener for it has it.</param>
    /// <param name="openSession">Opens the session; the connection subscribes its pushes before the first request.</param>
    /// <param name="clock">The connection's clock: the store's scheduler, so idle timeouts run on virtual time.</param>
    public ServedConnection(
        ICacheProtocol<TFrame, TCommand, TReply> protocol,
        Func<ICommandSession<TCommand, TReply>> openSession,
        IScheduler clock,
        long maxPushedBytes = 1024 * 1024,
        long clientWindow = 1024 * 1024,
        ClientLimits? limits = null,
        Func<ICommandSession<TCommand, TReply>, IFramer<TFrame>>? framerFor = null)
    {
        Client = new FakeConnection(maxPushedBytes, clientWindow, limits, clock);
        Served = ConnectionSession.ServeAsync(
            Client.Connection,
            protocol,
            openSession,
            NullLogger.Instance,
            () => Task.CompletedTask,
            CancellationToken.None,
            framerFor);
    }

    public FakeConnection Client { get; }

    /// <summary>Completes when the server has closed the connection (and disposed its session).</summary>
    public Task Served { get; }

    /// <summary>True once the server stopped reading from this client (QUIT, a broken stream, a kill).</summary>
    public bool Closed => Client.Connection.ReadLoopStopped.IsCompleted;

    /// <summary>Sends <paramref name="request"/> in one chunk and returns what the server flushed in answer.</summary>
    public byte[] Exchange(byte[] request)
    {
        var before = Client.ReceivedLength;
        Client.Send(request);
        return Client.ReceivedSince(before);
    }

    /// <summary>The client hangs up; returns when the server has closed its side and disposed the session.</summary>
    public void Hangup()
    {
        Client.Hangup();
        Served.WaitAsync(s_closeWait).GetAwaiter().GetResult();
    }

    /// <summary>
    /// A connection the server stopped reading finishes closing (and disposes its session) on the thread pool: wait
    /// for that, so a spec's next step does not race it.
    /// </summary>
    public void AwaitCloseIfStopped()
    {
        if (Closed)
        {
            Served.WaitAsync(s_closeWait).GetAwaiter().GetResult();
        }
    }
}
