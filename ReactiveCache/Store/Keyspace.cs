using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging;
using ReactiveCache.Changes;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Store;

/// <summary>
/// What every database of one server shares: one lock, one sequence of changes, the edit in progress and the change
/// feed. A command that touches several databases (FLUSHALL, COPY ... DB, MOVE, EXEC after SELECT) therefore needs
/// no lock order, commits one batch, and the change log has one order across databases.
/// </summary>
/// <remarks>
/// The locking rule (docs/architecture.md): a write opens an edit; writes made inside it, on any database, join it;
/// only the outermost one commits, as one batch, and the batch is delivered after the lock is released, so a
/// subscriber never runs under the store's lock.
/// </remarks>
internal sealed class Keyspace(IScheduler clock, CacheStoreOptions options, ILogger logger)
{
    private readonly List<ChangeRecord> _pending = [];
    private int _editLevel;
    private DateTimeOffset? _now;

    public Lock Gate { get; } = new();

    public ChangeFeed Feed { get; } = new(options.ReplayBufferSize, options.ReplayBufferBytes, logger);

    public IScheduler Clock => clock;

    public bool KeepPreviousValues { get; } = options.IncludePreviousValues;

    /// <summary>The sequence number of the latest change, in any database.</summary>
    public long LastSequence { get; private set; }

    /// <summary>
    /// Store time, read at most once per edit so every check in one command (or one transaction) agrees, and only
    /// when it is needed: a read of a key without expiry never touches the clock.
    /// </summary>
    public DateTimeOffset Now => _now ??= clock.Now;

    /// <summary>Called under <see cref="Gate"/>: opens an edit, or joins the one in progress.</summary>
    public void BeginEdit()
    {
        if (_editLevel++ == 0)
        {
            _now = null;
        }
    }

    /// <summary>Called under <see cref="Gate"/>: the outermost edit hands what it recorded to the feed as one batch.</summary>
    public void EndEdit()
    {
        if (--_editLevel > 0 || _pending.Count == 0)
        {
            return;
        }

        try
        {
            Feed.Commit(_pending, LastSequence);
        }
        finally
        {
            _pending.Clear();
        }
    }

    /// <summary>Delivers committed batches, unless this thread is still inside an edit (then its outermost write will).</summary>
    public void Deliver()
    {
        if (!Gate.IsHeldByCurrentThread)
        {
            Feed.Drain();
        }
    }

    /// <summary>Records one change of the edit in progress and returns its sequence number.</summary>
    public long Record(
        int database, ChangeKind kind, ChangeOperations operations, ChangeReason reason, byte[] key, ValueKind type, object? payload,
        byte[]? previous, long expiresAtMs, MemcachedState? memcached)
    {
        _pending.Add(new ChangeRecord(++LastSequence, kind, operations, reason, key, type, payload, previous, expiresAtMs, memcached?.ToMetadata(), Now, database));
        return LastSequence;
    }
}
