using System.Reactive.Concurrency;
using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;
using ReactiveCache.Changes;
using ReactiveCache.Store.Blocking;
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
    private List<ChangeRecord> _pending = [];
    private readonly List<StoreWriter> _databases = [];
    private readonly Queue<(StoreWriter Database, WaitQueue Queue)> _ready = new();
    private readonly ConcurrentQueue<BlockedWait> _served = new();
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

    /// <summary>Keyspace hits, misses and expired keys (INFO stats).</summary>
    public KeyspaceStatistics Statistics { get; } = new();

    /// <summary>The stamps of the keys' last use.</summary>
    public AccessClock Access { get; }

    /// <summary>
    /// Grows with every change recorded and every delivery queued (a replay for a subscriber): a write after which it
    /// has not moved has nothing to deliver.
    /// </summary>
    public long HandedOver => LastSequence + Feed.Enqueued;

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
        if (_editLevel > 1)
        {
            _editLevel--;
            return;
        }

        try
        {
            // Still inside the edit: what the blocked clients pop is part of this batch, before the evictions.
            if (_ready.Count > 0)
            {
                ServeReadyKeys();
            }

            _editLevel = 0;
            if (Memory.IsOver)
            {
                MakeRoom();
            }

            if (_pending.Count > 0 && Feed.Commit(_pending, LastSequence))
            {
                // The feed builds that batch's changes at delivery, after the lock, from this list.
                _pending = [];
            }

            Memory.Garbage.MaybeCollect(Memory.Max);
        }
        finally
        {
            _editLevel = 0;
            _pending.Clear();
            if (_pending.Capacity > PendingKept)
            {
                // A SWAPDB of a million keys grew the list to a million records (over 100 MB): not kept for the next edit.
                _pending.Capacity = PendingKept;
            }

            RefusesGrowth = false;
        }
    }

    private const int PendingKept = 64 * 1024;

    /// <summary>Called under <see cref="Gate"/> before a command records <paramref name="changes"/> more (SWAPDB): one allocation, not a doubling per power of two.</summary>
    public void ExpectChanges(int changes) => _pending.EnsureCapacity(_pending.Count + changes);

    /// <summary>Called under <see cref="Gate"/> by a change to a key someone waits on: offered to its waits when the edit ends.</summary>
    public void MarkReady(StoreWriter database, WaitQueue queue) => _ready.Enqueue((database, queue));

    /// <summary>
    /// Offers every ready key to its waits, first come first served, inside the edit that made them ready; a wait
    /// served may make another key ready (BLMOVE pushes), which is offered in turn, as Redis's handleClientsBlockedOnKeys.
    /// Each offer either serves a wait or leaves the key as it found it, so this ends once nobody else can be served.
    /// </summary>
    private void ServeReadyKeys()
    {
        // A served wait was accepted when it blocked: its pop (and BLMOVE's push) is not refused for memory now.
        RefusesGrowth = false;
        while (_ready.TryDequeue(out var ready))
        {
            var (database, queue) = ready;
            queue.Ready = false;
            for (var node = queue.Waits.First; node is not null;)
            {
                var next = node.Next;
                var wait = node.Value;
                bool served;
                try
                {
                    served = wait.TryServe(database, queue.Key);
                }
                catch (Exception)
                {
                    // A wait that cannot be served is ended rather than left to fail the writer's whole batch.
                    served = true;
                }

                if (served)
                {
                    StoreWriter.Unblock(wait);
                    _served.Enqueue(wait);
                }
                else if (!database.TryPeek(queue.Key, out _, out _))
                {
                    // The key is gone (popped empty, or never a list): nobody behind can be served from it either.
                    break;
                }

                node = next;
            }
        }
    }

    /// <summary>Called under <see cref="Gate"/>: arms the timeout of a wait just registered (none for <see cref="TimeSpan.Zero"/>).</summary>
    public void Track(BlockedWait wait, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        // A timer reaches about 49 days at most; a longer wait (Redis takes up to LLONG_MAX milliseconds) re-arms.
        if (timeout > LongestTimer)
        {
            wait.Timer = _clock.Schedule(LongestTimer, () =>
            {
                lock (Gate)
                {
                    if (wait.IsWaiting)
                    {
                        Track(wait, timeout - LongestTimer);
                    }
                }
            });
            return;
        }

        wait.Timer = _clock.Schedule(timeout, () => End(wait, WaitOutcome.TimedOut));
    }

    private static readonly TimeSpan LongestTimer = TimeSpan.FromDays(24);

    /// <summary>
    /// Ends a wait that is still waiting (a timeout, a client gone, CLIENT UNBLOCK), from any thread; its
    /// <see cref="BlockedWait.Ended"/> runs here, after the lock. Returns false when it was already over (served first).
    /// </summary>
    public bool End(BlockedWait wait, WaitOutcome outcome)
    {
        lock (Gate)
        {
            if (!wait.IsWaiting)
            {
                return false;
            }

            StoreWriter.Unblock(wait);
        }

        wait.Ended(outcome);
        return true;
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
            while (_served.TryDequeue(out var wait))
            {
                wait.Ended(WaitOutcome.Served);
            }
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
