using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// Redis pub/sub for the whole server. A channel, and a pattern, is one observable of <see cref="PublishedMessage"/>
/// shared by all its subscribers and ref-counted: the first subscription creates it, the last one's disposal removes
/// it. PUBLISH's receiver count and PUBSUB CHANNELS, NUMSUB and NUMPAT read those counts, so they cannot disagree.
/// </summary>
/// <remarks>
/// Publishing and subscribing take one lock, so every subscriber, of a channel or of a pattern, receives messages in
/// the one order they were published in. Delivery only queues each message on a connection (the observers are Merge
/// and <c>Connection.Push</c>), so it is cheap under that lock; the lock is never held while taking the store's.
/// </remarks>
internal sealed class PubSubBroker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<byte[], Topic> _channels = new(KeyComparer.Instance);
    private readonly Dictionary<byte[], Topic> _patterns = new(KeyComparer.Instance);

    // Lets PUBLISH (and every keyspace notification) skip the lock while nobody is subscribed to anything.
    private volatile bool _empty = true;

    /// <summary>The messages published to <paramref name="channel"/> while subscribed.</summary>
    public IObservable<PublishedMessage> Channel(byte[] channel) =>
        Observable.Create<PublishedMessage>(observer => Join(_channels, channel, observer));

    /// <summary>The messages published to every channel matching <paramref name="pattern"/> while subscribed.</summary>
    public IObservable<PublishedMessage> Pattern(byte[] pattern) =>
        Observable.Create<PublishedMessage>(observer => Join(_patterns, pattern, observer));

    /// <summary>Delivers to the channel's subscribers, then to matching patterns' subscribers; returns how many received it.</summary>
    public int Publish(byte[] channel, byte[] message)
    {
        if (_empty)
        {
            return 0;
        }

        var receivers = 0;
        lock (_gate)
        {
            if (_channels.TryGetValue(channel, out var channelTopic))
            {
                receivers += channelTopic.Deliver(new PublishedMessage(channel, message));
            }

            foreach (var (pattern, patternTopic) in _patterns)
            {
                if (Glob.IsMatch(pattern, channel))
                {
                    receivers += patternTopic.Deliver(new PublishedMessage(channel, message, pattern));
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

    /// <summary>How many subscriptions the channel has (PUBSUB NUMSUB).</summary>
    public int SubscriberCount(byte[] channel)
    {
        lock (_gate)
        {
            return _channels.TryGetValue(channel, out var subscribers) ? subscribers.Count : 0;
        }
    }

    /// <summary>How many patterns have a subscriber (PUBSUB NUMPAT).</summary>
    public int PatternCount
    {
        get { lock (_gate) { return _patterns.Count; } }
    }

    private IDisposable Join(Dictionary<byte[], Topic> topics, byte[] name, IObserver<PublishedMessage> observer)
    {
        lock (_gate)
        {
            if (!topics.TryGetValue(name, out var topic))
            {
                topics[name] = topic = new Topic();
                _empty = false;
            }

            var subscription = topic.Subscribe(observer);
            return Disposable.Create(() => Leave(topics, name, topic, subscription));
        }
    }

    private void Leave(Dictionary<byte[], Topic> topics, byte[] name, Topic topic, IDisposable subscription)
    {
        lock (_gate)
        {
            subscription.Dispose();
            if (topic.Count == 0)
            {
                topics.Remove(name);
                _empty = _channels.Count == 0 && _patterns.Count == 0;
            }
        }
    }

    // One channel or pattern: the subject its subscribers share, and how many they are (the ref count). Used only under
    // the broker's lock. Publish().RefCount() would share a stream as well, but keeps its count to itself, and PUBLISH
    // must answer how many received the message.
    private sealed class Topic
    {
        private readonly Subject<PublishedMessage> _messages = new();

        public int Count { get; private set; }

        public IDisposable Subscribe(IObserver<PublishedMessage> observer)
        {
            Count++;
            var subscription = _messages.Subscribe(observer);
            return Disposable.Create(() =>
            {
                subscription.Dispose();
                Count--;
            });
        }

        public int Deliver(PublishedMessage message)
        {
            _messages.OnNext(message);
            return Count;
        }
    }
}
