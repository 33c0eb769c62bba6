using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging;
using ReactiveCache.Changes;
using ReactiveCache.Store.Memory;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Store;

/// <summary>
/// What every database of one server shares: one lock, one sequence of changes, the edit in progress, the change
/// feed and the memory budget. A command that touches several databases (FLUSHALL, COPY ... DB, MOVE, EXEC after
/// SELECT) therefore needs no lock order, commits one batch, and the change log has one order across databases.
/// </summary>
/// <remarks>
/// The locking rule (docs/architecture.md): a write opens an edit; writes made inside it, on any database, join it;
/// only the outermost one commits, as one batch, and the batch is delivered after the lock is released, so a
/// subscriber never runs under the store's lock. The memory rule: an edit that begins or ends over the limit evicts
/// first, and its evictions are changes of its own batch, after the changes of the command (docs/memory.md).
/// </remarks>
internal sealed class Keyspace
{
    private readonly List<ChangeRecord> _pending = [];
    private readonly List<StoreWriter> _databases = [];
    private readonly Evictor _evictor;
    private readonly IScheduler _clock;
    private readonly int _evictionsPerEdit;
    private int _editLevel;
    private long _editStart;
    private DateTimeOffset? _now;
    private bool _catchUpScheduled;

    public Keyspace(IScheduler clock, CacheStoreOptions options, ILogger logger)
    {
        _clock = clock;
        Feed = new ChangeFeed(options.ReplayBufferSize, options.ReplayBufferBytes, logger);
        KeepPreviousValues = options.IncludePreviousValues;
        Access = new AccessClock(clock.Now.ToUnixTimeMilliseconds());
        Memory = new MemoryBudget(options);
        _evictor = new Evictor(Memory, Access);
        _evictionsPerEdit = Math.Max(1, options.EvictionsPerWrite);
    }

    public Lock Gate { get; } = new();

    public ChangeFeed Feed { get; }

    public IScheduler Clock => _clock;

    public bool KeepPreviousValues { get; }

    /// <summary>What the keys of every database take, the limit and the policy.</summary>
    public MemoryBudget Memory { get; }

    /// <summary>The stamps of the keys' last use.</summary>
    public AccessClock Access { get; }

    /// <summary>The sequence number of the latest change, in any database.</summary>
    public long LastSequence { get; private set; }

    /// <summary>
    /// Whether the edit in progress must not grow the store: it began over the limit and its policy could not evict
    /// (noeviction, or a volatile policy without a key that has a time to live). Writes that add data check it.
    /// </summary>
    public bool RefusesGrowth { get; private set; }

    /// <summary>
    /// Store time, read at most once per edit so every check in one command (or one transaction) agrees, and only
    /// when it is needed.
    /// </summary>
    public DateTimeOffset Now => _now ??= _clock.Now;

    public long NowMs => Now.ToUnixTimeMilliseconds();

    /// <summary>Called by the database when it is created: eviction ranks the keys of every database.</summary>
    public void Register(StoreWriter database) => _databases.Add(database);

    /// <summary>The database writers, in number order (the eviction sampler's and FLUSHALL's).</summary>
    public IReadOnlyList<StoreWriter> Databases => _databases;

    /// <summary>Set by database 0: runs one eviction chunk in a write of its own; returns whether more is left to evict.</summary>
    public Func<bool>? EvictInBackground { get; set; }

    /// <summary>Called under <see cref="Gate"/>: opens an edit, or joins the one in progress.</summary>
    public void BeginEdit()
    {
        if (_editLevel++ > 0)
        {
            return;
        }

        _now = null;
        _editStart = LastSequence;
        RefusesGrowth = Memory.IsOver && MakeRoom() == EvictionProgress.Failed;
    }

    /// <summary>Called under <see cref="Gate"/>: the outermost edit hands what it recorded to the feed as one batch.</summary>
    public void EndEdit()
    {
        if (--_editLevel > 0)
        {
            return;
        }

        try
        {
            if (Memory.IsOver)
            {
                MakeRoom();
            }

            if (_pending.Count > 0)
            {
                Feed.Commit(_pending, LastSequence);
            }

            Memory.Garbage.MaybeCollect(Memory.Max);
        }
        finally
        {
            _pending.Clear();
            RefusesGrowth = false;
        }
    }

    /// <summary>
    /// Called inside an edit: evicts at most one chunk of keys toward the limit (never what this edit wrote): at most
    /// <see cref="CacheStoreOptions.EvictionsPerWrite"/> keys and about a millisecond. Returns
    /// <see cref="EvictionProgress.Running"/> when more is left; then a catch-up is scheduled.
    /// </summary>
    public EvictionProgress MakeRoom()
    {
        var progress = _evictor.EvictDownTo(_databases, Memory.Max, _editStart, NowMs, _evictionsPerEdit);
        if (progress == EvictionProgress.Running)
        {
            ScheduleCatchUp();
        }

        return progress;
    }

    /// <summary>
    /// Called under <see cref="Gate"/>: the rest of an eviction one edit could not finish goes on in chunks, each a
    /// write of its own a millisecond after the last, on the store's scheduler. The pause is what lets other clients in:
    /// the lock does not hand itself to a waiter, so chunks taken back to back would shut every other client out.
    /// Only one catch-up runs at a time.
    /// </summary>
    public void ScheduleCatchUp()
    {
        if (_catchUpScheduled || EvictInBackground is null)
        {
            return;
        }

        _catchUpScheduled = true;
        _clock.Schedule(CatchUpPause, RunCatchUp);
    }

    private static readonly TimeSpan CatchUpPause = TimeSpan.FromMilliseconds(1);

    private void RunCatchUp()
    {
        var more = false;
        try
        {
            more = EvictInBackground!();
        }
        catch (ObjectDisposedException)
        {
            // The store was disposed while the catch-up waited: nothing is left to evict.
        }

        lock (Gate)
        {
            _catchUpScheduled = false;
            if (more)
            {
                ScheduleCatchUp();
            }
        }
    }

    /// <summary>Forgets eviction's pooled candidates (a flush left them meaningless).</summary>
    public void ForgetEvictionCandidates() => _evictor.Clear();

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
