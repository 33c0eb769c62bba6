using System.Buffers;
using System.Text;
using ReactiveCache.Commands;
using ReactiveCache.Commands.Memcached;
using ReactiveCache.Protocols.Memcached;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// The whole memcached pipeline without a socket: bytes are framed, parsed, executed against a store
/// (on whatever scheduler it has) and encoded, as a connection does. Each <see cref="Send"/> returns what
/// the server would have written for that chunk.
/// </summary>
internal sealed class MemcachedHarness(CacheStore store, int maxItemSize = 1024 * 1024, ServerAccess? access = null)
{
    private readonly MemcachedProtocol _protocol = new(64 * 1024, maxItemSize);
    private readonly MemcachedSession _session = new(
        store, new MemcachedStatistics(), new ServerStatistics(store.Scheduler.Now), new MemcachedSettings(maxItemSize, 100, 0, 64 * 1024), new DelayedFlush(store), access ?? new ServerAccess());
    private ReactiveCache.Framing.IFramer<MemcachedFrame>? _framer;
    private byte[] _pending = [];

    public bool Closed { get; private set; }

    public string Send(string text) => Encoding.Latin1.GetString(Send(Encoding.Latin1.GetBytes(text)));

    public byte[] Send(byte[] bytes)
    {
        _framer ??= _protocol.CreateFramer();
        var buffer = new ReadOnlySequence<byte>([.. _pending, .. bytes]);
        var output = new ArrayBufferWriter<byte>();
        while (!Closed && _framer.TryReadFrame(ref buffer, out var frame))
        {
            var reply = _session.Execute(_protocol.Parse(frame));
            _protocol.Encode(reply, output);
            Closed = _protocol.EndsSession(reply);
        }

        _pending = buffer.ToArray();
        return output.WrittenSpan.ToArray();
    }
}
