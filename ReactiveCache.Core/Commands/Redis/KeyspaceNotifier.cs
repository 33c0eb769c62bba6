using System.Collections.Immutable;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Text;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// Redis keyspace notifications as a projection of the change stream, switched by the current
/// <c>notify-keyspace-events</c> flags: while they name anything, each change of every database is published to
/// <c>__keyspace@&lt;db&gt;__:&lt;key&gt;</c> (message: the event) and <c>__keyevent@&lt;db&gt;__:&lt;event&gt;</c>
/// (message: the key). Writes through any protocol notify, and <c>expired</c> goes out when the store expires the
/// key, on time. While the flags are empty nothing is subscribed to the store, so writes pay nothing.
/// </summary>
internal sealed class KeyspaceNotifier : IDisposable
{
    private const KeyspaceEventFlags Channels = KeyspaceEventFlags.Keyspace | KeyspaceEventFlags.Keyevent;

    private readonly CacheStore _database0;
    private readonly BehaviorSubject<bool> _on = new(false);

    // The flags now, and the ones before them, each with the latest sequence number when it was set. A change is
    // announced under the flags that were current when it was committed: a batch committed before a CONFIG SET but
    // delivered after it still goes out as the old flags said.
    private volatile FlagHistory _flags = FlagHistory.Initial;
    private readonly IDisposable _publishing;

    /// <param name="database0">The server's database 0: its lock is every database's, and its stream sees every database.</param>
    /// <param name="broker">Where notifications are published, as PUBLISH would.</param>
    public KeyspaceNotifier(CacheStore database0, PubSubBroker broker)
    {
        _database0 = database0;

        // Switched only between off and on: a change from some flags to others keeps the one subscription, so no batch
        // in delivery falls between an old subscription and a new one. Switch drops the old projection's subscription
        // before it subscribes to the new one; Empty subscribes to nothing.
        // The store's every-database stream rather than a Merge of the 16 databases' public Changes: it keeps a batch that
        // spans databases (MOVE, FLUSHALL) in its one order, which the Merge splits by database, and a write costs about
        // half as much — SET on database 0: 195 ns with it, 393 ns with the Merge, 185 ns with neither (Min column of
        // `dotnet run -c Release --project ReactiveCache.Benchmarks -- --filter '*EveryDatabase*' --iterationCount 15`).
        _publishing = _on
            .DistinctUntilChanged()
            .Select(on => on ? Notifications(database0.EveryDatabaseChanges) : Observable.Empty<Notification>())
            .Switch()
            .Subscribe(
                onNext: notification => broker.Publish(notification.Channel, notification.Message),
                onError: static _ => { },    // the change stream ends by completing (the store disposed), never by an error
                onCompleted: static () => { });
    }

    /// <summary>
    /// The current flags. Set under the store's lock: flag changes are serialized (the subject is never called
    /// concurrently), the projection is switched with no change committed in between, and the one lock order is the
    /// store's lock first — a CONFIG SET inside EXEC, which already holds it, just re-enters it. Subscribing to the
    /// store under its lock is safe: nothing is delivered until the outermost write releases it.
    /// </summary>
    public KeyspaceEventFlags Flags
    {
        get => _flags.Current.Flags;
        set => _database0.Write((Notifier: this, Flags: value), static (writer, state) =>
        {
            var notifier = state.Notifier;
            notifier._flags = notifier._flags.Then(new Setting(state.Flags, writer.LastSequence));
            notifier._on.OnNext(Publishes(state.Flags));
            return state.Flags;
        });
    }

    public void Dispose() => _publishing.Dispose();

    // K or E says where to publish, the other letters what: both are needed for anything to go out.
    private static bool Publishes(KeyspaceEventFlags flags) => (flags & Channels) != 0 && (flags & ~Channels) != 0;

    // A CONFIG SET inside EXEC joins the transaction's batch: the writes queued before it are in that batch too, and
    // only the later ones notify under the new flags, as in Redis, where each command notifies as it runs.
    private IObservable<Notification> Notifications(IObservable<ChangeBatch> changes) =>
        changes
            .SelectMany(batch => batch.Changes)
            .SelectMany(change => Notifications(change, _flags.For(change.Sequence)));

    private static IEnumerable<Notification> Notifications(CacheChange change, KeyspaceEventFlags flags)
    {
        // A key a SWAPDB brought is not new to Redis, which announces nothing for the swap.
        if (change.Kind == ChangeKind.Added && change.Reason != ChangeReason.SwapDb && (flags & KeyspaceEventFlags.New) != 0)
        {
            foreach (var notification in Channelled(change.Database, change.Key, "new", flags))
            {
                yield return notification;
            }
        }

        foreach (var (name, eventClass) in KeyspaceEvents.Of(change))
        {
            if ((flags & eventClass) == 0)
            {
                continue;
            }

            foreach (var notification in Channelled(change.Database, change.Key, name, flags))
            {
                yield return notification;
            }
        }
    }

    private static IEnumerable<Notification> Channelled(int database, byte[] key, string eventName, KeyspaceEventFlags flags)
    {
        if ((flags & KeyspaceEventFlags.Keyspace) != 0)
        {
            yield return new Notification([.. Encoding.ASCII.GetBytes($"__keyspace@{database}__:"), .. key], Encoding.ASCII.GetBytes(eventName));
        }

        if ((flags & KeyspaceEventFlags.Keyevent) != 0)
        {
            yield return new Notification(Encoding.ASCII.GetBytes($"__keyevent@{database}__:{eventName}"), key);
        }
    }

    private readonly record struct Notification(byte[] Channel, byte[] Message);

    // Flags, and the latest sequence number when they were set: only later changes are announced under them.
    private readonly record struct Setting(KeyspaceEventFlags Flags, long After);

    // The last few settings, newest last. A change is still in delivery while at most a CONFIG SET or two runs (each waits
    // for the store's lock, and delivery follows each commit at once), so eight generations cover it; a change older than
    // all of them is announced under the oldest kept.
    private sealed class FlagHistory(ImmutableArray<Setting> settings)
    {
        private const int Generations = 8;

        public static readonly FlagHistory Initial = new([new Setting(KeyspaceEventFlags.None, After: 0)]);

        public Setting Current => settings[^1];

        public FlagHistory Then(Setting next) =>
            new(settings.Length < Generations ? settings.Add(next) : settings.RemoveAt(0).Add(next));

        public KeyspaceEventFlags For(long sequence)
        {
            for (var i = settings.Length - 1; i > 0; i--)
            {
                if (sequence > settings[i].After)
                {
                    return settings[i].Flags;
                }
            }

            return settings[0].Flags;
        }
    }
}
