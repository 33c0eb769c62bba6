using System.Net;
using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Reactive.Concurrency;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;

namespace ReactiveCache.Networking;

/// <summary>
/// Turns accepted sockets into TLS connections: each handshake runs on the thread pool, never on the accepting
/// or the socket engine's thread, with a deadline, so a client that sends half a ClientHello or garbage costs
/// the others nothing; it is dropped (garbage at once, silence at the deadline) with a Debug line. Disposal
/// cancels the handshakes in flight and waits for them, so none hands over a connection after it.
/// </summary>
internal sealed class TlsAcceptor(
    SslServerAuthenticationOptions authentication, TimeSpan handshakeTimeout, ClientLimits limits, IScheduler clock, ILogger logger)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _handshakes = new();
    private long _nextHandshake;
    private int _handshaking;

    /// <summary>Handshakes under way now; they count toward max-clients.</summary>
    public int Handshaking => Volatile.Read(ref _handshaking);

    /// <summary>
    /// Starts the handshake; <paramref name="authenticated"/> gets the connection once it has succeeded. Its bytes on
    /// the wire count into <paramref name="traffic"/>.
    /// </summary>
    public void Accept(Socket socket, ListenerStatistics? traffic, Action<Connection> authenticated)
    {
        var id = Interlocked.Increment(ref _nextHandshake);
        Interlocked.Increment(ref _handshaking);
        var handshake = Task.Run(() => HandshakeAsync(socket, traffic, authenticated));
        _handshakes[id] = handshake;
        handshake.ContinueWith(
            _ =>
            {
                _handshakes.TryRemove(id, out var _);
                Interlocked.Decrement(ref _handshaking);
            },
            TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_handshakes.Values);
    }

    private async Task HandshakeAsync(Socket socket, ListenerStatistics? traffic, Action<Connection> authenticated)
    {
        EndPoint? remote;
        CountingStream wire;
        try
        {
            remote = socket.RemoteEndPoint;
            socket.NoDelay = true;
            wire = new CountingStream(new NetworkStream(socket, ownsSocket: true), traffic);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException or IOException)
        {
            // Reset between accept and here: only this socket is lost, and no fault reaches DisposeAsync's WhenAll.
            logger.LogDebug("TLS connection dropped before its handshake: {Reason}", error.Message);
            socket.Dispose();
            return;
        }

        var transport = new HandshakeStream(wire);
        var tls = new SslStream(transport, leaveInnerStreamOpen: false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        using (clock.Schedule(handshakeTimeout, () => CancelQuietly(deadline)))
        {
            try
            {
                await tls.AuthenticateAsServerAsync(authentication, deadline.Token);
            }
            catch (Exception error)
            {
                var reason = deadline.IsCancellationRequested && !_stopping.IsCancellationRequested
                    ? $"no handshake within {handshakeTimeout.TotalSeconds:0.###} s"
                    : error.Message;
                // A client's bad handshake is its own business; anything else is ours, but still closes only this socket.
                var expected = error is AuthenticationException or IOException or SocketException or OperationCanceledException or ObjectDisposedException;
                logger.Log(expected ? LogLevel.Debug : LogLevel.Error, expected ? null : error, "TLS handshake from {Remote} failed: {Reason}", remote, reason);
                await tls.DisposeAsync();
                return;
            }
        }

        transport.HandshakeFinished();
        try
        {
            authenticated(Connection.ForStream(socket, tls, wire, limits, clock, traffic));
        }
        catch (Exception error)
        {
            // The per-connection catch of STYLE.md: a bug closes its connection, never the listener.
            logger.LogError(error, "TLS connection from {Remote} failed", remote);
            await tls.DisposeAsync();
        }
    }

    // The deadline may fire just as the handshake ends and its source is disposed.
    private static void CancelQuietly(CancellationTokenSource deadline)
    {
        try
        {
            deadline.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
