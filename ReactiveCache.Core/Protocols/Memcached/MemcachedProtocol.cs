using ReactiveCache.Framing;
using System.Buffers;

namespace ReactiveCache.Protocols.Memcached;

/// <summary>
/// memcached's text protocol with the meta commands: a command line, a data block after storage
/// commands, replies as memcached 1.6 writes them.
/// </summary>
internal sealed class MemcachedProtocol(int maxLineLength, int maxItemSize)
    : ICacheProtocol<MemcachedFrame, MemcachedCommand, MemcachedReply>
{
    public MemcachedReply MaxClientsReply { get; } = new MemcachedReply.Line(MemcachedErrors.MaxClients);

    public MemcachedReply DeniedReply { get; } = new MemcachedReply.Line(MemcachedErrors.Denied);

    public IFramer<MemcachedFrame> CreateFramer() => new MemcachedFramer(maxLineLength, maxItemSize);

    // memcached answers even an empty line (with ERROR), so every frame carries a command.
    public bool CarriesCommand(MemcachedFrame frame) => true;

    public MemcachedCommand Parse(MemcachedFrame frame) => MemcachedParser.Parse(frame);

    public void Encode(MemcachedReply reply, IBufferWriter<byte> output) => MemcachedEncoder.Encode(reply, output);

    public bool EndsSession(MemcachedReply reply) => reply is MemcachedReply.Closing;

    public MemcachedReply? FinalReply(Exception error) => error switch
    {
        ProtocolException => new MemcachedReply.Line(MemcachedErrors.LineTooLong),
        OutputOverflowException => new MemcachedReply.Line(MemcachedErrors.OutputOverflow),
        _ => null,
    };
}
