using Microsoft.Extensions.Logging;

namespace ReactiveCache.Changes;

/// <summary>
/// One attached observer of the change feed. It ignores batches it has already seen (those at or
/// below the sequence it attached after), and detaches itself if its observer throws, so one broken
/// subscriber never stops the feed for the others.
/// </summary>
internal sealed class ChangeSubscriber(IObserver<ChangeBatch> observer, long attachedAfter, ILogger logger) : IDisposable
{
    private volatile bool _detached;

    public bool IsDetached => _detached;

    public void Deliver(ChangeBatch batch, bool targeted)
    {
        if (_detached || (!targeted && batch.Sequence <= attachedAfter))
        {
            return;
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
}
