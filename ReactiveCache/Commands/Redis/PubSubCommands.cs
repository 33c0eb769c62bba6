using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// SUBSCRIBE, PSUBSCRIBE, UNSUBSCRIBE, PUNSUBSCRIBE, PUBLISH and PUBSUB. Confirmations are replies (in
/// RESP3, pushes), one per channel; published messages are pushed through the session.
/// </summary>
internal static class PubSubCommands
{
    private static readonly RedisReply s_subscribe = RedisReply.Of("subscribe");
    private static readonly RedisReply s_psubscribe = RedisReply.Of("psubscribe");
    private static readonly RedisReply s_unsubscribe = RedisReply.Of("unsubscribe");
    private static readonly RedisReply s_punsubscribe = RedisReply.Of("punsubscribe");

    public static RedisReply Subscribe(RedisSession session, byte[][] args) =>
        Confirm(args.Skip(1).Select(channel =>
        {
            if (session.Channels.Add(channel))
            {
                session.Server.Broker.Subscribe(session, channel);
            }

            return Confirmation(s_subscribe, channel, session);
        }));

    public static RedisReply PSubscribe(RedisSession session, byte[][] args) =>
        Confirm(args.Skip(1).Select(pattern =>
        {
            if (session.Patterns.Add(pattern))
            {
                session.Server.Broker.SubscribePattern(session, pattern);
            }

            return Confirmation(s_psubscribe, pattern, session);
        }));

    public static RedisReply Unsubscribe(RedisSession session, byte[][] args)
    {
        var channels = args.Length > 1 ? args.Skip(1).ToArray() : session.Channels.ToArray();
        if (channels.Length == 0)
        {
            return Confirmation(s_unsubscribe, null, session);
        }

        return Confirm(channels.Select(channel =>
        {
            if (session.Channels.Remove(channel))
            {
                session.Server.Broker.Unsubscribe(session, channel);
            }

            return Confirmation(s_unsubscribe, channel, session);
        }));
    }

    public static RedisReply PUnsubscribe(RedisSession session, byte[][] args)
    {
        var patterns = args.Length > 1 ? args.Skip(1).ToArray() : session.Patterns.ToArray();
        if (patterns.Length == 0)
        {
            return Confirmation(s_punsubscribe, null, session);
        }

        return Confirm(patterns.Select(pattern =>
        {
            if (session.Patterns.Remove(pattern))
            {
                session.Server.Broker.UnsubscribePattern(session, pattern);
            }

            return Confirmation(s_punsubscribe, pattern, session);
        }));
    }

    public static RedisReply Publish(RedisSession session, byte[][] args) =>
        RedisReply.Of(session.Server.Broker.Publish(args[1], args[2]));

    public static RedisReply Channels(RedisSession session, byte[][] args) =>
        new RedisReply.Array(session.Server.Broker.Channels(args.Length > 2 ? args[2] : null)
            .Select(channel => (RedisReply)new RedisReply.Bulk(channel)).ToArray());

    public static RedisReply NumSub(RedisSession session, byte[][] args) =>
        new RedisReply.Array(args.Skip(2)
            .SelectMany(channel => new[] { new RedisReply.Bulk(channel), RedisReply.Of(session.Server.Broker.SubscriberCount(channel)) })
            .ToArray());

    public static RedisReply NumPat(RedisSession session, byte[][] args) => RedisReply.Of(session.Server.Broker.PatternCount);

    /// <summary>Leaves every channel and pattern (RESET, and when the connection closes).</summary>
    public static void UnsubscribeAll(RedisSession session)
    {
        foreach (var channel in session.Channels)
        {
            session.Server.Broker.Unsubscribe(session, channel);
        }

        foreach (var pattern in session.Patterns)
        {
            session.Server.Broker.UnsubscribePattern(session, pattern);
        }

        session.Channels.Clear();
        session.Patterns.Clear();
    }

    private static RedisReply Confirm(IEnumerable<RedisReply> confirmations) => new RedisReply.Sequence(confirmations.ToArray());

    private static RedisReply Confirmation(RedisReply kind, byte[]? name, RedisSession session) =>
        new RedisReply.Push([kind, name is null ? RedisReply.NullBulk : new RedisReply.Bulk(name), RedisReply.Of(session.SubscriptionCount)]);
}
