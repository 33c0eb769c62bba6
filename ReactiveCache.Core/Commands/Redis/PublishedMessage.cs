using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// One PUBLISH as a channel's or a pattern's subscribers receive it. The push is built once, when the message is
/// published, and shared by every subscriber of that channel or pattern.
/// </summary>
internal sealed class PublishedMessage(byte[] channel, byte[] payload, byte[]? pattern = null)
{
    private static readonly RedisReply s_message = RedisReply.Of("message");
    private static readonly RedisReply s_pmessage = RedisReply.Of("pmessage");

    /// <summary><c>message channel payload</c>, or <c>pmessage pattern channel payload</c> for a pattern's subscribers.</summary>
    public RedisReply Push { get; } = pattern is null
        ? new RedisReply.Push([s_message, new RedisReply.Bulk(channel), new RedisReply.Bulk(payload)])
        : new RedisReply.Push([s_pmessage, new RedisReply.Bulk(pattern), new RedisReply.Bulk(channel), new RedisReply.Bulk(payload)]);
}
