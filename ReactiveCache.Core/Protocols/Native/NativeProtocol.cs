using System.Buffers;
using ReactiveCache.Framing;

namespace ReactiveCache.Protocols.Native;

/// <summary>
/// The seed's telnet-friendly line protocol, grown up: one command per line, one reply (or a block of
/// lines ending in <c>END</c>) per command, pushed <c>CHANGE</c> lines for watches.
/// </summary>
internal sealed class NativeProtocol(int maxLineLength) : ICacheProtocol<ReadOnlySequence<byte>, Command, Reply>
{
    public Reply MaxClientsReply { get; } = new Reply.Error(NativeErrors.MaxClients);

    public Reply DeniedReply { get; } = new Reply.Error(NativeErrors.Denied);

    public IFramer<ReadOnlySequence<byte>> CreateFramer() => new LineFramer(maxLineLength);

    public bool CarriesCommand(ReadOnlySequence<byte> line) => !NativeParser.IsBlank(line);

    public Command Parse(ReadOnlySequence<byte> line) => NativeParser.Parse(line);

    public void Encode(Reply reply, IBufferWriter<byte> output) => NativeEncoder.Encode(reply, output);

    public bool EndsSession(Reply reply) => ReferenceEquals(reply, Reply.Bye);

    public Reply? FinalReply(Exception error) => error switch
    {
        ProtocolException broken => new Reply.Error(broken.Message),
        OutputOverflowException => new Reply.Error(NativeErrors.WatchBufferOverflow),
        _ => null,
    };
}
