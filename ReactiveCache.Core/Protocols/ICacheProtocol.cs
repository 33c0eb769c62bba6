using System.Buffers;
using ReactiveCache.Framing;

namespace ReactiveCache.Protocols;

/// <summary>
/// A wire protocol: how bytes become frames, frames become commands, and replies become bytes. It knows
/// nothing about the store; commands and replies meet the store in <c>Commands/</c>.
/// </summary>
internal interface ICacheProtocol<TFrame, TCommand, TReply>
{
    /// <summary>A framer for one new connection.</summary>
    IFramer<TFrame> CreateFramer();

    /// <summary>False for frames that hold no command (a blank line), which get no reply.</summary>
    bool CarriesCommand(TFrame frame);

    TCommand Parse(TFrame frame);

    void Encode(TReply reply, IBufferWriter<byte> output);

    /// <summary>True for the reply after which the server closes the connection (QUIT).</summary>
    bool EndsSession(TReply reply);

    /// <summary>The last reply before closing a connection whose stream broke, or null to close silently.</summary>
    TReply? FinalReply(Exception error);

    /// <summary>The reply to a connection refused because the client limit was reached.</summary>
    TReply MaxClientsReply { get; }

    /// <summary>The reply to a connection refused by protected mode (a non-loopback peer while no password is set).</summary>
    TReply DeniedReply { get; }
}
