using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// SUBSCRIBE, PSUBSCRIBE, UNSUBSCRIBE, PUNSUBSCRIBE, PUBLISH and PUBSUB. Confirmations are replies (in
/// RESP3, pushes), one per channel; published messages reach the session as its subscriptions' streams.
/// </summary>
internal static class PubSubCommands
{
    private static readonly RedisReply s_subscribe = RedisReply.Of("subscribe");
    private static readonly RedisReply s_psubscribe = RedisReply.Of("psubscribe");
    private static readonly RedisReply s_unsubscribe = RedisReply.Of("unsubscribe");
    private static readonly RedisReply s_punsubscribe = RedisReply.Of("punsubscribe");

    public static RedisReply Subscribe(RedisSession session, byte[][] args) => Join(session, session.Channels, s_subscribe, args);

    public static RedisReply PSubscribe(RedisSession session, byte[][] args) => Join(session, session.Patterns, s_psubscribe, args);

    public static RedisReply Unsubscribe(RedisSession session, byte[][] args) => Leave(session, session.Channels, s_unsubscribe, args);

    public static RedisReply PUnsubscribe(RedisSession session, byte[][] args) => Leave(session, session.Patterns, s_punsubscribe, args);

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
        session.Channels.LeaveAll();
        session.Patterns.LeaveAll();
    }

    // One confirmation per name, each with the count after it: the subscription is live before its confirmation is
    // written, so a message published after the client read it is pushed after it.
    private static RedisReply Join(RedisSession session, SubscriptionSet subscriptions, RedisReply kind, byte[][] args) =>
        Confirm(args.Skip(1).Select(name =>
        {
            subscriptions.Join(name);
            return Confirmation(kind, name, session);
        }));

    // Without names, leaves every one; with none to leave, one confirmation of no name, as Redis answers.
    private static RedisReply Leave(RedisSession session, SubscriptionSet subscriptions, RedisReply kind, byte[][] args)
    {
        var names = args.Length > 1 ? args.Skip(1).ToArray() : subscriptions.Names;
        if (names.Length == 0)
        {
            return Confirmation(kind, null, session);
        }

        return Confirm(names.Select(name =>
        {
            subscriptions.Leave(name);
            return Confirmation(kind, name, session);
        }));
    }

    private static RedisReply Confirm(IEnumerable<RedisReply> confirmations) => new RedisReply.Sequence(confirmations.ToArray());

    private static RedisReply Confirmation(RedisReply kind, byte[]? name, RedisSession session) =>
        new RedisReply.Push([kind, name is null ? RedisReply.NullBulk : new RedisReply.Bulk(name), RedisReply.Of(session.SubscriptionCount)]);
}
