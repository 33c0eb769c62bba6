using System.Buffers;
using ReactiveCache.Framing;

namespace ReactiveCache.Protocols.Resp;

/// <summary>
/// Redis's wire protocol, RESP2 and RESP3: multibulk and inline requests in, replies in the version each
/// connection asked for (HELLO) out. A broken stream gets <c>-ERR Protocol error: ...</c> and is closed.
/// </summary>
internal sealed class RespProtocol(RespLimits limits) : ICacheProtocol<RespRequest, RespRequest, RespReply>
{
    public RespReply MaxClientsReply { get; } = new(new RedisReply.Error(RespErrors.MaxClients), 2);

    public RespReply DeniedReply { get; } = new(new RedisReply.Error(RespErrors.Denied), 2);

    public IFramer<RespRequest> CreateFramer() => new RespFramer(limits);

    /// <summary>A framer whose limits the client answers for, before each request (its Redis session: CONFIG SET, AUTH).</summary>
    public IFramer<RespRequest> CreateFramer(IRespClientLimits client) => new RespFramer(client);

    public bool CarriesCommand(RespRequest request) => request.Count > 0;

    public RespRequest Parse(RespRequest request) => request;

    public void Encode(RespReply reply, IBufferWriter<byte> output)
    {
        if (reply.Value is { } value)
        {
            RespEncoder.Encode(value, reply.Protocol, output);
        }
    }

    public bool EndsSession(RespReply reply) => reply.EndsSession;

    /// <summary>A broken stream gets Redis's protocol error; anything else closes silently.</summary>
    public RespReply FinalReply(Exception error) => error is ProtocolException broken
        ? new RespReply(new RedisReply.Error("ERR " + broken.Message), 2)
        : default;
}
