using System.Net;
using ReactiveCache.Networking;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// What <c>stats conns</c> lists: the memcached listener (its address and descriptor, once bound) and the connections
/// it serves now, picked by their listener from every connection the server serves.
/// </summary>
internal sealed class MemcachedListening(Func<IEnumerable<Connection>> served, ListenerStatistics traffic)
{
    /// <summary>No listener: a session served in memory lists no connections.</summary>
    public static readonly MemcachedListening None = new(() => [], new ListenerStatistics("memcached"));

    public IPEndPoint? EndPoint { get; private set; }

    public long Handle { get; private set; } = -1;

    /// <summary>The memcached listener's connections being served now, in descriptor order.</summary>
    public IEnumerable<Connection> Connections =>
        served().Where(connection => connection.Listener == traffic).OrderBy(connection => connection.Handle);

    public void Bound(IPEndPoint endPoint, long handle)
    {
        EndPoint = endPoint;
        Handle = handle;
    }
}
