using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;

namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>
/// The stream of commands the Redis clients run, for MONITOR and <see cref="Hosting.CacheServer.Monitor"/>. Free when nobody
/// watches: the session asks <see cref="IsWatched"/> (one volatile read) and builds nothing unless it is true.
/// </summary>
/// <remarks>
/// Commands finish on many connections' threads at once, so what is published is serialized (Rx's contract): an
/// observer sees one command at a time, in the order they were published. Observers run on the thread of the command
/// they are shown, so they must not block; a MONITOR client's observer only queues its line on its connection, whose
/// output limit (the pubsub class) drops a monitor that does not read rather than slowing anybody down.
/// </remarks>
internal sealed class CommandMonitor
{
    private readonly Subject<MonitoredCommand> _commands = new();
    private readonly ISubject<MonitoredCommand> _serialized;
    private int _watchers;

    public CommandMonitor()
    {
        _serialized = Subject.Synchronize(_commands);
        Commands = Observable.Create<MonitoredCommand>(observer =>
        {
            var subscription = _commands.Subscribe(observer);
            Interlocked.Increment(ref _watchers);
            return Disposable.Create(() =>
            {
                Interlocked.Decrement(ref _watchers);
                subscription.Dispose();
            });
        });
    }

    /// <summary>Hot: every command run while subscribed, never one from before.</summary>
    public IObservable<MonitoredCommand> Commands { get; }

    public bool IsWatched => Volatile.Read(ref _watchers) > 0;

    public void Publish(MonitoredCommand command) => _serialized.OnNext(command);

    /// <summary>Ends every watcher's stream (the server is stopping).</summary>
    public void Complete() => _serialized.OnCompleted();
}
