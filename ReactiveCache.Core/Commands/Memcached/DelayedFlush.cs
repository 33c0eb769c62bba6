using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// The one pending <c>flush_all &lt;delay&gt;</c> of a server, on the store's scheduler. As in memcached, a
/// later flush_all replaces an earlier one, so <c>flush_all 3600</c> then <c>flush_all 0</c> does not wipe the
/// cache again an hour later.
/// </summary>
internal sealed class DelayedFlush(CacheStore store) : IDisposable
{
    private readonly SerialDisposable _pending = new();

    public void Now()
    {
        _pending.Disposable = Disposable.Empty;
        Flush(store);
    }

    public void At(long dueMs) =>
        _pending.Disposable = store.Scheduler.Schedule(
            DateTimeOffset.FromUnixTimeMilliseconds(CacheEntry.Representable(dueMs)),
            () => Flush(store));

    public void Dispose() => _pending.Dispose();

    private static void Flush(CacheStore store)
    {
        try
        {
            store.Flush();
        }
        catch (ObjectDisposedException)
        {
            // The server stopped before the delay ran out.
        }
    }
}
