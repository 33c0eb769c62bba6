using System.Net;
using System.Net.Sockets;
using System.Reactive.Linq;

namespace ReactiveCache.Networking;

/// <summary>
/// A bound, listening socket whose accepted connections are an observable (Twisted's
/// <c>reactor.listenTCP</c>). The socket listens from <see cref="Bind"/> on, so a client that connects
/// before anyone subscribes waits in the kernel's backlog and is accepted, not lost.
/// </summary>
internal sealed class Listener : IDisposable
{
    private readonly Socket _socket;

    private Listener(Socket socket) => _socket = socket;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>The listening socket's descriptor (memcached's <c>stats conns</c> lists it).</summary>
    public long Handle { get; private init; } = -1;

    /// <summary>Each accepted socket, until the subscription is disposed or the listener closed.</summary>
    public IObservable<Socket> Accepted =>
        Observable.Create<Socket>(async (observer, cancellation) =>
        {
            while (!cancellation.IsCancellationRequested)
            {
                Socket accepted;
                try
                {
                    accepted = await _socket.AcceptAsync(cancellation);
                }
                catch (Exception error) when (cancellation.IsCancellationRequested || error is ObjectDisposedException)
                {
                    break;
                }
                catch (SocketException error) when (IsTransient(error.SocketErrorCode))
                {
                    continue;
                }

                observer.OnNext(accepted);
            }

            observer.OnCompleted();
        });

    /// <summary>Binds and starts listening. Throws <see cref="SocketException"/> when the address is in use.</summary>
    public static Listener Bind(IPEndPoint endPoint, int backlog = 511)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endPoint);
            socket.Listen(backlog);
            return new Listener(socket) { Handle = socket.Handle.ToInt64() };
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _socket.Dispose();

    // A connection reset between the kernel accepting it and us taking it is that client's problem only.
    private static bool IsTransient(SocketError error) =>
        error is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.TooManyOpenSockets;
}
