namespace ReactiveCache.Store.Blocking;

/// <summary>How a wait ended.</summary>
internal enum WaitOutcome
{
    /// <summary>A write made one of its keys ready and the wait took what it waited for (or answered an error).</summary>
    Served,

    /// <summary>Its timeout passed first.</summary>
    TimedOut,

    /// <summary>Its client went away: nobody is left to answer.</summary>
    Cancelled,

    /// <summary>Another client ended it with an error (CLIENT UNBLOCK ... ERROR).</summary>
    Interrupted,
}

/// <summary>
/// A client waiting for one of some keys to hold what it pops (BLPOP, BLMOVE, BZPOPMIN...), or an in-process
/// caller doing the same. Registered under the store's lock by the command that found nothing (<see cref="StoreWriter.Block"/>),
/// so no write can slip between the look and the wait; each key keeps its waits first come, first served.
/// </summary>
/// <remarks>
/// <para>
/// A write that changes a key someone waits on marks it ready. When the write's edit ends, still under the lock and
/// before anything else runs, every ready key is offered to its waits in order (<see cref="TryServe"/>): a served
/// wait pops inside that edit, so the push and the pop are one batch on the change stream and no other client's LPOP
/// can take the element in between, as in Redis's handleClientsBlockedOnKeys.
/// </para>
/// <para>
/// <see cref="Ended"/> runs once, after the lock is released: for a served wait, when the batch is delivered; for a
/// timeout or a cancellation, on the thread that ended it. It only hands the result to whoever waits (a connection's
/// reply), so it must be cheap and must not throw.
/// </para>
/// </remarks>
internal abstract class BlockedWait
{
    internal readonly List<(StoreWriter Database, WaitQueue Queue, LinkedListNode<BlockedWait> Node)> Places = [];

    internal IDisposable? Timer { get; set; }

    /// <summary>True from <see cref="StoreWriter.Block"/> until the wait is served, times out or is cancelled. Read under the lock.</summary>
    public bool IsWaiting => Places.Count > 0;

    /// <summary>
    /// Under the lock, inside the edit that made <paramref name="key"/> ready: takes what the wait needs from it (the
    /// writes it makes join that edit's batch). Returns true when the wait is over, served or answered with an error;
    /// false to keep waiting (the key is empty again, or holds a type this wait does not pop). Must not throw.
    /// </summary>
    protected internal abstract bool TryServe(StoreWriter database, byte[] key);

    /// <summary>After the lock: the wait is over. Called exactly once.</summary>
    protected internal abstract void Ended(WaitOutcome outcome);
}

/// <summary>The waits on one key of one database, first come first served; <see cref="Ready"/> while it is queued to be offered.</summary>
internal sealed class WaitQueue(byte[] key)
{
    public byte[] Key { get; } = key;

    public LinkedList<BlockedWait> Waits { get; } = new();

    public bool Ready { get; set; }
}
