using System.Reactive;
using System.Text;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// Redis keyspace notifications as a view of the stores' change streams: while
/// <c>notify-keyspace-events</c> names anything, each database's changes are published to
/// <c>__keyspace@&lt;db&gt;__:&lt;key&gt;</c> (message: the event) and <c>__keyevent@&lt;db&gt;__:&lt;event&gt;</c>
/// (message: the key). Writes through any protocol notify, and <c>expired</c> goes out when the store
/// expires the key, on time. While the setting is empty nothing is attached, so writes pay nothing.
/// </summary>
internal sealed class KeyspaceNotifier(IReadOnlyList<CacheStore> databases, PubSubBroker broker) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<IDisposable> _attached = [];
    private volatile int _flags;

    public KeyspaceEventFlags Flags
    {
        get => (KeyspaceEventFlags)_flags;
        set
        {
            lock (_gate)
            {
                _flags = (int)value;
                var wanted = (value & (KeyspaceEventFlags.Keyspace | KeyspaceEventFlags.Keyevent)) != 0
                    && (value & ~(KeyspaceEventFlags.Keyspace | KeyspaceEventFlags.Keyevent)) != 0;
                if (wanted && _attached.Count == 0)
                {
                    Attach();
                }
                else if (!wanted)
                {
                    Detach();
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            Detach();
        }
    }

    // One subscription for all databases: they share one change feed, and each change says its database.
    private void Attach() =>
        _attached.Add(databases[0].AttachToEveryDatabase(Observer.Create<ChangeBatch>(Publish)));

    private void Detach()
    {
        _attached.ForEach(subscription => subscription.Dispose());
        _attached.Clear();
    }

    private void Publish(ChangeBatch batch)
    {
        var flags = Flags;
        foreach (var change in batch.Changes)
        {
            var database = change.Database;
            if (change.Kind == ChangeKind.Added && (flags & KeyspaceEventFlags.New) != 0)
            {
                Notify(database, change.Key, "new", flags);
            }

            foreach (var (name, eventClass) in KeyspaceEvents.Of(change))
            {
                if ((flags & eventClass) != 0)
                {
                    Notify(database, change.Key, name, flags);
                }
            }
        }
    }

    private void Notify(int database, byte[] key, string eventName, KeyspaceEventFlags flags)
    {
        if ((flags & KeyspaceEventFlags.Keyspace) != 0)
        {
            var prefix = Encoding.ASCII.GetBytes($"__keyspace@{database}__:");
            broker.Publish([.. prefix, .. key], Encoding.ASCII.GetBytes(eventName));
        }

        if ((flags & KeyspaceEventFlags.Keyevent) != 0)
        {
            broker.Publish($"__keyevent@{database}__:{eventName}", key);
        }
    }
}
