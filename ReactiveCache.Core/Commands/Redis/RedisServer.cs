using System.Collections.Concurrent;
using ReactiveCache.Commands.Redis.Introspection;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// What every Redis session shares: the databases (0 is the server's own store, so every protocol sees
/// the same keys; the others share its lock and sequence of changes), pub/sub, keyspace notifications, live settings, the client list, the (shared, immutable) command table and this server's counters of it.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private readonly CacheStore[] _ownedDatabases;
    private long _nextClientId;

    public RedisServer(CacheStore database0, RedisSettings settings, ServerStatistics statistics, Action requestShutdown)
    {
        _ownedDatabases = Enumerable.Range(1, Math.Max(settings.Databases, 1) - 1)
            .Select(index => new CacheStore(database0, index))
            .ToArray();
        Databases = [database0, .. _ownedDatabases];
        Config = new RedisConfig(settings);
        Statistics = statistics;
        Recorder = new CommandRecorder(Commands, () => database0.Scheduler.Now);
        Recorder.SetSlowLogThreshold(settings.SlowLogLogSlowerThan);
        Recorder.SlowLog.MaxLength = settings.SlowLogMaxLength;
        Recorder.SetLatencyThreshold(settings.LatencyMonitorThreshold);
        Notifier = new KeyspaceNotifier(database0, Broker);
        Watches = new WatchRegistry(Databases);
        if (KeyspaceEvents.TryParse(settings.NotifyKeyspaceEvents, out var flags))
        {
            Notifier.Flags = flags;
        }

        RequestShutdown = requestShutdown;
        StartedAt = database0.Scheduler.Now;
    }

    public IReadOnlyList<CacheStore> Databases { get; }

    public RedisConfig Config { get; }

    public ServerStatistics Statistics { get; }

    public PubSubBroker Broker { get; } = new();

    public KeyspaceNotifier Notifier { get; }

    /// <summary>Which sessions WATCH which keys; marks them touched as changes arrive.</summary>
    public WatchRegistry Watches { get; }

    public RedisCommandTable Commands { get; } = RedisCommandTable.Default;

    /// <summary>This server's encoding tunables (CONFIG SET hash-max-listpack-entries ...), read by the collection commands.</summary>
    public EncodingLimits EncodingLimits { get; } = new();

    /// <summary>What each command did: commandstats, errorstats, latency, the slow log, MONITOR.</summary>
    public CommandRecorder Recorder { get; }

    /// <summary>This server's calls per command (INFO commandstats); CONFIG RESETSTAT clears them.</summary>
    public CommandStatistics CommandStatistics => Recorder.Statistics;

    /// <summary>instantaneous_ops_per_sec's samples.</summary>
    public OperationsRate OperationsRate { get; } = new();

    /// <summary>This server's command counts and durations for its meter (Hosting/CacheMetrics).</summary>
    public CommandMeter Metrics => Config.Settings.Metrics;

    /// <summary>The highest used_memory INFO has seen (used_memory_peak).</summary>

    public ConcurrentDictionary<long, RedisSession> Clients { get; } = new();

    public DateTimeOffset StartedAt { get; }

    /// <summary>INFO's run_id (and master_replid): 40 random hex digits, new for each server.</summary>
    public string RunId { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    public Action RequestShutdown { get; }

    public long Now => Databases[0].Scheduler.Now.ToUnixTimeMilliseconds();

    /// <summary>Opens a session for a new connection; what it pushes is its <see cref="RedisSession.Pushes"/>.</summary>
    public RedisSession OpenSession()
    {
        var session = new RedisSession(this, Interlocked.Increment(ref _nextClientId));
        Clients[session.Id] = session;
        return session;
    }

    public void Dispose()
    {
        Recorder.Monitor.Complete();
        Notifier.Dispose();
        Watches.Dispose();
        foreach (var database in _ownedDatabases)
        {
            database.Dispose();
        }
    }
}
