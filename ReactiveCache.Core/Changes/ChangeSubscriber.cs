using Microsoft.Extensions.Logging;

namespace ReactiveCache.Changes;

/// <summary>
/// One attached observer of the change feed, for one database. It ignores batches it has already seen (those at or
/// below the sequence it attached after) and other databases' changes, and detaches itself if its observer throws,
/// so one broken subscriber never stops the feed for the others.
/// </summary>
internal sealed class ChangeSubscriber(IObserver<ChangeBatch> observer, int database, long attachedAfter, ILogger logger) : IDisposable
{
    /// <summary>The database of a subscriber that sees every database's changes (keyspace notifications).</summary>
    public const int EveryDatabase = -1;

    private volatile bool _detached;

    public bool IsDetached => _detached;

    public int Database => database;

    /// <summary>Whether disposing <paramref name="disposed"/> completes this subscriber (database 0 ends the server's feed).</summary>
    public bool EndsWith(int disposed) => database == disposed || (disposed == 0 && database == EveryDatabase);

    public void Deliver(ChangeBatch batch, bool targeted)
    {
        if (_detached || (!targeted && batch.Sequence <= attachedAfter))
        {
            return;
        }

        if (!targeted)
        {
            if (OfThisDatabase(batch) is not { } own)
            {
                return;
            }

            batch = own;
        }

        try
        {
            observer.OnNext(batch);
        }
        catch (Exception error)
        {
            _detached = true;
            logger.LogError(error, "A change subscriber threw on change {Sequence}; it was detached", batch.Sequence);
        }
    }

    public void Complete()
    {
        if (_detached)
        {
            return;
        }

        _detached = true;
        try
        {
            observer.OnCompleted();
        }
        catch (Exception error)
        {
            logger.LogError(error, "A change subscriber threw on completion");
        }
    }

    public void Dispose() => _detached = true;

    // Nearly every batch is one database's: it passes as it is. Only a command that spans databases (FLUSHALL,
    // MOVE, a transaction after SELECT) is split, and a batch with nothing of this database is not delivered.
    private ChangeBatch? OfThisDatabase(ChangeBatch batch)
    {
        if (database == EveryDatabase)
        {
            return batch;
        }

        var own = 0;
        foreach (var change in batch.Changes)
        {
            own += change.Database == database ? 1 : 0;
        }

        return own == batch.Changes.Count ? batch
            : own == 0 ? null
            : batch.Where(change => change.Database == database);
    }
}
