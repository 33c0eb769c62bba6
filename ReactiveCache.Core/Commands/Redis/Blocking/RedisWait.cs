using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;
using ReactiveCache.Store.Blocking;

namespace ReactiveCache.Commands.Redis.Blocking;

/// <summary>
/// A Redis client blocked in BLPOP, BLMOVE, BZPOPMIN and the rest: a store wait whose outcome is the command's reply.
/// A subclass says how to serve it (<see cref="Serve"/>, under the lock, inside the write that made a key ready);
/// this class turns the outcome into the reply the client gets later: what <see cref="Serve"/> answered, the
/// command's null after the timeout, <c>-UNBLOCKED</c> for CLIENT UNBLOCK ... ERROR.
/// </summary>
internal abstract class RedisWait(CacheStore store, RedisReply timedOut) : BlockedWait
{
    private readonly AsyncSubject<RedisReply> _outcome = new();
    private RedisReply? _served;

    /// <summary>
    /// The reply the command gives now: it is sent when the wait ends. Unsubscribing before then (the client went
    /// away) ends the wait, so nothing is popped for a client that is gone.
    /// </summary>
    public RedisReply Later() => new RedisReply.Later(
        Observable.Create<RedisReply>(observer => new CompositeDisposable(
            _outcome.Subscribe(observer),
            Disposable.Create(this, static wait => wait.EndIfWaiting()))),
        Unblock);

    /// <summary>Ends the wait, as CLIENT UNBLOCK does: with the command's null reply, or with <c>-UNBLOCKED</c>.</summary>
    public bool Unblock(bool withError) => store.EndWait(this, withError ? WaitOutcome.Interrupted : WaitOutcome.TimedOut);

    /// <summary>
    /// Under the lock: takes what the client waits for from <paramref name="key"/> and returns the reply, or null to
    /// go on waiting (nothing there, or a type this command does not pop). An error reply (BLMOVE into a key of another
    /// type) ends the wait too.
    /// </summary>
    protected abstract RedisReply? Serve(StoreWriter database, byte[] key);

    protected internal sealed override bool TryServe(StoreWriter database, byte[] key)
    {
        try
        {
            _served = Serve(database, key);
        }
        catch (WrongTypeException)
        {
            _served = RedisReply.WrongType;
        }

        return _served is not null;
    }

    protected internal sealed override void Ended(WaitOutcome outcome)
    {
        _outcome.OnNext(outcome switch
        {
            WaitOutcome.Served => _served ?? timedOut,
            WaitOutcome.Interrupted => new RedisReply.Error(RespErrors.Unblocked),
            _ => timedOut,
        });
        _outcome.OnCompleted();
    }

    private void EndIfWaiting() => store.EndWait(this, WaitOutcome.Cancelled);
}
