using System.Reactive.Linq;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// The channels, or the patterns, one Redis session is subscribed to. Joining a name adds the broker's shared stream
/// for it (<paramref name="streamOf"/>) to the session's pushes, until the session leaves that name (UNSUBSCRIBE,
/// PUNSUBSCRIBE, RESET) or is disposed; leaving disposes that stream's subscription to the broker.
/// </summary>
internal sealed class SubscriptionSet(Func<byte[], IObservable<PublishedMessage>> streamOf, PushStreams<RedisReply> pushes)
{
    // Per name, the handle that ends its stream. Touched only by the session's own commands, one at a time; Count is
    // also read by other threads (CLIENT LIST, the output limit's subscriber check), as a HashSet's was before.
    private readonly Dictionary<byte[], IDisposable> _joined = new(KeyComparer.Instance);

    public int Count => _joined.Count;

    public byte[][] Names => [.. _joined.Keys];

    /// <summary>Subscribes to <paramref name="name"/> unless already subscribed; the subscription is live on return.</summary>
    public void Join(byte[] name)
    {
        if (!_joined.ContainsKey(name))
        {
            _joined[name] = pushes.Add(streamOf(name).Select(message => message.Push));
        }
    }

    /// <summary>Ends the subscription to <paramref name="name"/>, if there is one; the broker's count drops on return.</summary>
    public void Leave(byte[] name)
    {
        if (_joined.Remove(name, out var subscription))
        {
            subscription.Dispose();
        }
    }

    public void LeaveAll()
    {
        foreach (var subscription in _joined.Values)
        {
            subscription.Dispose();
        }

        _joined.Clear();
    }
}
