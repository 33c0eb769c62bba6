using System.Text;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// Redis pub/sub for the whole server: channel and pattern subscriptions, and PUBLISH delivering to both.
/// Delivery only queues a message on each subscriber's connection, so it is cheap to do under the lock,
/// and a message reaches every subscriber in the same order as every other message.
/// </summary>
internal sealed class PubSubBroker
{
    private static readonly RedisReply s_message = RedisReply.Of("message");
    private static readonly RedisReply s_pmessage = RedisReply.Of("pmessage");

    private readonly Lock _gate = new();
    private readonly Dictionary<byte[], HashSet<IPubSubSubscriber>> _channels = new(KeyComparer.Instance);
    private readonly Dictionary<byte[], HashSet<IPubSubSubscriber>> _patterns = new(KeyComparer.Instance);
    private volatile bool _empty = true;

    public bool Subscribe(IPubSubSubscriber subscriber, byte[] channel) => Add(_channels, subscriber, channel);

    public bool Unsubscribe(IPubSubSubscriber subscriber, byte[] channel) => Remove(_channels, subscriber, channel);

    public bool SubscribePattern(IPubSubSubscriber subscriber, byte[] pattern) => Add(_patterns, subscriber, pattern);

    public bool UnsubscribePattern(IPubSubSubscriber subscriber, byte[] pattern) => Remove(_patterns, subscriber, pattern);

    /// <summary>Delivers to channel subscribers, then to matching pattern subscribers; returns how many received it.</summary>
    public int Publish(byte[] channel, byte[] message)
    {
        if (_empty)
        {
            return 0;
        }

        var receivers = 0;
        lock (_gate)
        {
            if (_channels.TryGetValue(channel, out var subscribers))
            {
                var push = new RedisReply.Push([s_message, new RedisReply.Bulk(channel), new RedisReply.Bulk(message)]);
                foreach (var subscriber in subscribers)
                {
                    subscriber.Deliver(push);
                    receivers++;
                }
            }

            foreach (var (pattern, patternSubscribers) in _patterns)
            {
                if (!Glob.IsMatch(pattern, channel))
                {
                    continue;
                }

                var push = new RedisReply.Push([s_pmessage, new RedisReply.Bulk(pattern), new RedisReply.Bulk(channel), new RedisReply.Bulk(message)]);
                foreach (var subscriber in patternSubscribers)
                {
                    subscriber.Deliver(push);
                    receivers++;
                }
            }
        }

        return receivers;
    }

    public int Publish(string channel, byte[] message) => Publish(Encoding.UTF8.GetBytes(channel), message);

    /// <summary>Active channels (with at least one subscriber) matching <paramref name="pattern"/>.</summary>
    public IReadOnlyList<byte[]> Channels(byte[]? pattern)
    {
        lock (_gate)
        {
            return _channels.Keys.Where(channel => pattern is null || Glob.IsMatch(pattern, channel)).ToArray();
        }
    }

    public int SubscriberCount(byte[] channel)
    {
        lock (_gate)
        {
            return _channels.TryGetValue(channel, out var subscribers) ? subscribers.Count : 0;
        }
    }

    public int PatternCount
    {
        get { lock (_gate) { return _patterns.Count; } }
    }

    private bool Add(Dictionary<byte[], HashSet<IPubSubSubscriber>> table, IPubSubSubscriber subscriber, byte[] name)
    {
        lock (_gate)
        {
            if (!table.TryGetValue(name, out var subscribers))
            {
                table[name] = subscribers = [];
            }

            _empty = false;
            return subscribers.Add(subscriber);
        }
    }

    private bool Remove(Dictionary<byte[], HashSet<IPubSubSubscriber>> table, IPubSubSubscriber subscriber, byte[] name)
    {
        lock (_gate)
        {
            if (!table.TryGetValue(name, out var subscribers) || !subscribers.Remove(subscriber))
            {
                return false;
            }

            if (subscribers.Count == 0)
            {
                table.Remove(name);
            }

            _empty = _channels.Count == 0 && _patterns.Count == 0;
            return true;
        }
    }
}
