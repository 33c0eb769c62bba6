using System.Net;
using System.Net.Sockets;

namespace ReactiveCache.Hosting;

/// <summary>A listener could not bind its address (most often: the port is in use).</summary>
public sealed class ListenException(IPEndPoint endPoint, SocketException inner)
    : IOException($"cannot listen on {endPoint}: {inner.Message}", inner)
{
    /// <summary>The address that could not be bound.</summary>
    public IPEndPoint EndPoint { get; } = endPoint;

    /// <summary>Why, as the socket layer put it.</summary>
    public SocketError SocketError => inner.SocketErrorCode;
}
