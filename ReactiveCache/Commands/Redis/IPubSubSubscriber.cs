using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>A client that receives published messages (a Redis session); called from the publisher's thread.</summary>
internal interface IPubSubSubscriber
{
    void Deliver(RedisReply message);
}
