using System.Reactive;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// The channels, or the patterns, one Redis session is subscribed to. Joining a name adds the broker's shared stream
/// for it (<paramref name="streamOf"/>) to the session's pushes, until the session leaves that name (UNSUBSCRIBE,
/// PUNSUBSCRIBE, RESET) or is disposed; leaving ends that stream, which disposes its subscription to the broker.
/// </summary>
internal sealed class SubscriptionSet(Func<byte[], IObservable<PublishedMessage>> streamOf, PushStreams<RedisReply> pushes)
{
    // Per name, the signal that ends its stream. Touched only by the session's own commands, one at a time; Count is
    // also read by other threads (CLIENT LIST, the output limit's subscriber check), as a HashSet's was before.
    private readonly Dictionary<byte[], Subject<Unit>> _joined = new(KeyComparer.Instance);

    public int Count => _joined.Count;

    public byte[][] Names => [.. _joined.Keys];

    /// <summary>Subscribes to <paramref name="name"/> unless already subscribed; the subscription is live on return.</summary>
    public void Join(byte[] name)
    {
        if (_joined.ContainsKey(name))
        {
            return;
        }

        var left = new Subject<Unit>();
        _joined[name] = left;
        pushes.Add(streamOf(name)
            .Select(message => message.Push)
            .TakeUntil(left));
    }

    /// <summary>Ends the subscription to <paramref name="name"/>, if there is one; the broker's count drops on return.</summary>
    public void Leave(byte[] name)
    {
        if (_joined.Remove(name, out var left))
        {
            left.OnNext(Unit.Default);
        }
    }

    public void LeaveAll()
    {
        foreach (var name in Names)
        {
            Leave(name);
        }
    }
}
