using System.Buffers;
using ReactiveCache.Commands;
using ReactiveCache.Framing;
using ReactiveCache.Protocols;

namespace ReactiveCache.Fuzz.Afl;

/// <summary>
/// What a connection's read loop does with the bytes it received (Networking/Connection.cs), without a socket:
/// frames until the framer wants more, executes each command, encodes each reply. A broken stream ends the
/// connection with the protocol's last reply, as the server does; any other exception escapes.
/// </summary>
internal static class ConnectionReplay
{
    // A framer that reports a frame without consuming input would loop here forever: a bug afl-fuzz sees as a hang.
    public static string Run<TFrame, TCommand, TReply>(
        byte[] input, ICacheProtocol<TFrame, TCommand, TReply> protocol, IFramer<TFrame> framer, ICommandSession<TCommand, TReply> session)
    {
        var output = new ArrayBufferWriter<byte>();
        var buffer = new ReadOnlySequence<byte>(input);
        var replies = 0;
        try
        {
            while (framer.TryReadFrame(ref buffer, out var frame))
            {
                if (!protocol.CarriesCommand(frame))
                {
                    continue;
                }

                var reply = session.Execute(protocol.Parse(frame));
                protocol.Encode(reply, output);
                replies++;
                if (protocol.EndsSession(reply))
                {
                    return $"{replies} replies, session ended";
                }
            }
        }
        catch (Exception error) when (error is ProtocolException or OutputOverflowException)
        {
            if (protocol.FinalReply(error) is { } last)
            {
                protocol.Encode(last, output);
            }

            return $"{replies} replies, stream broken: {error.Message}";
        }

        return $"{replies} replies, {buffer.Length} bytes left unframed ({output.WrittenCount} bytes out)";
    }
}
