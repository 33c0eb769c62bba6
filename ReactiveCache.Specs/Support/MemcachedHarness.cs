using System.Text;
using ReactiveCache.Commands;
using ReactiveCache.Commands.Memcached;
using ReactiveCache.Protocols.Memcached;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// One memcached connection served by the real pipeline (<see cref="ServedConnection{TFrame,TCommand,TReply}"/>):
/// bytes are read by the connection's loop, framed, parsed, executed against a store (on whatever scheduler it has)
/// and encoded, as on a socket. Each <see cref="Send(string)"/> is one chunk and returns what the server flushed for it.
/// </summary>
internal sealed class MemcachedHarness
{
    private readonly ServedConnection<MemcachedFrame, MemcachedCommand, MemcachedReply> _served;

    public MemcachedHarness(CacheStore store, int maxItemSize = 1024 * 1024, ServerAccess? access = null)
    {
        var settings = new MemcachedSettings(maxItemSize, 100, 0, 64 * 1024);
        _served = new(
            new MemcachedProtocol(64 * 1024, maxItemSize),
            () => new MemcachedSession(store, new MemcachedStatistics(), new ServerStatistics(store.Scheduler.Now), settings, new DelayedFlush(store), access ?? new ServerAccess()),
            store.Scheduler);
    }

    /// <summary>True once the server closed the connection (quit, or a stream it would not read on).</summary>
    public bool Closed => _served.Closed;

    /// <summary>The connection as bytes, for specs of the pipeline itself.</summary>
    public IServedConnection Wire => _served;

    public string Send(string text) => Encoding.Latin1.GetString(Send(Encoding.Latin1.GetBytes(text)));

    public byte[] Send(byte[] bytes)
    {
        var reply = _served.Exchange(bytes);
        _served.AwaitCloseIfStopped();
        return reply;
    }
}
