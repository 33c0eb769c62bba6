using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Text;
using ReactiveCache.Store;
using ReactiveCache.Store.Blocking;

namespace ReactiveCache;

// The in-process face of lists: the same operations, changes and WRONGTYPE rule as Redis's LPUSH, LPOP, BLPOP.
public sealed partial class CacheStore
{
    /// <summary>Pushes elements at the head, one after another (the last ends up first), as one change. Returns the length after.</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public int PushLeft(string key, params string[] elements) => Push(key, elements, left: true);

    /// <summary>Pushes elements at the tail, in order, as one change. Returns the length after.</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public int PushRight(string key, params string[] elements) => Push(key, elements, left: false);

    /// <summary>Pops the head element, or <c>null</c> when there is no list.</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public string? PopLeft(string key) => Pop(key, left: true);

    /// <summary>Pops the tail element, or <c>null</c> when there is no list.</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public string? PopRight(string key) => Pop(key, left: false);

    /// <summary>The elements from <paramref name="start"/> to <paramref name="stop"/> inclusive, counted as LRANGE counts (-1 is the last).</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public IReadOnlyList<string> ListRange(string key, long start = 0, long stop = -1) =>
        Write((Key: Encoding.UTF8.GetBytes(key), Start: start, Stop: stop), static (writer, state) =>
        {
            if (!writer.TryGetList(state.Key, out _, out var list))
            {
                return [];
            }

            var (first, last) = ClampRange(state.Start, state.Stop, list.Count);
            return list.Range(first, last).Select(element => Encoding.UTF8.GetString(element)).ToArray();
        });

    /// <summary>How many elements the list holds (0 when there is none).</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public int ListLength(string key) =>
        Write(Encoding.UTF8.GetBytes(key), static (writer, key) => writer.TryGetList(key, out _, out var list) ? list.Count : 0);

    /// <summary>
    /// BLPOP in process: a cold observable that, when subscribed, pops the head of the first of <paramref name="keys"/>
    /// holding a list, or else waits for one, first come first served with every Redis client blocked on the same keys.
    /// It yields one (key, element) pair and completes; it completes empty after <paramref name="timeout"/> on the
    /// store's clock (<see cref="TimeSpan.Zero"/> waits for ever). Disposing the subscription stops waiting.
    /// </summary>
    /// <remarks>
    /// The element is popped inside the write that pushed it, in that write's batch, and the pair is delivered after
    /// the store's lock is released, on the thread of that write.
    /// </remarks>
    public IObservable<KeyValuePair<string, string>> BlockingPopLeft(TimeSpan timeout, params string[] keys)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        if (keys.Length == 0)
        {
            throw new ArgumentException("BlockingPopLeft needs at least one key.", nameof(keys));
        }

        var encoded = keys.Select(Encoding.UTF8.GetBytes).ToArray();
        return Observable.Create<KeyValuePair<string, string>>(observer =>
        {
            var wait = new InProcessPop(observer);
            var popped = Write((Keys: encoded, Wait: wait, Timeout: timeout), static (writer, state) =>
            {
                foreach (var key in state.Keys)
                {
                    if (writer.Pop(key, left: true) is [var element])
                    {
                        return (Key: key, Element: element);
                    }
                }

                writer.Block(state.Wait, state.Keys, state.Timeout);
                return default;
            });

            if (popped.Element is not null)
            {
                observer.OnNext(new(Encoding.UTF8.GetString(popped.Key), Encoding.UTF8.GetString(popped.Element)));
                observer.OnCompleted();
                return Disposable.Empty;
            }

            return Disposable.Create(() => EndWait(wait, WaitOutcome.Cancelled));
        });
    }

    /// <summary>LRANGE's and LTRIM's indexes: negative from the end, clamped to the list; start &gt; stop means nothing.</summary>
    internal static (int First, int Last) ClampRange(long start, long stop, int count)
    {
        if (start < 0)
        {
            start = Math.Max(0, count + start);
        }

        if (stop < 0)
        {
            stop = count + stop;
        }

        stop = Math.Min(stop, count - 1);
        return start > stop ? (0, -1) : ((int)start, (int)stop);
    }

    private int Push(string key, string[] elements, bool left)
    {
        if (elements.Length == 0)
        {
            throw new ArgumentException("A push needs at least one element.", nameof(elements));
        }

        return Write((Key: Encoding.UTF8.GetBytes(key), Elements: elements.Select(Encoding.UTF8.GetBytes).ToArray(), Left: left), static (writer, state) =>
            writer.Push(state.Key, state.Elements, state.Left));
    }

    private string? Pop(string key, bool left) =>
        Write((Key: Encoding.UTF8.GetBytes(key), Left: left), static (writer, state) =>
            writer.Pop(state.Key, state.Left) is [var element] ? Encoding.UTF8.GetString(element) : null);

    /// <summary>An in-process BLPOP: served by popping the head, ended by handing the pair to its observer.</summary>
    private sealed class InProcessPop(IObserver<KeyValuePair<string, string>> observer) : BlockedWait
    {
        private KeyValuePair<string, string>? _popped;

        protected internal override bool TryServe(StoreWriter database, byte[] key)
        {
            if (!database.TryPeek(key, out _, out var entry) || entry.Value is not Store.Values.ListValue)
            {
                return false;
            }

            if (database.Pop(key, left: true) is not [var element])
            {
                return false;
            }

            _popped = new(Encoding.UTF8.GetString(key), Encoding.UTF8.GetString(element));
            return true;
        }

        protected internal override void Ended(WaitOutcome outcome)
        {
            if (outcome == WaitOutcome.Served && _popped is { } pair)
            {
                observer.OnNext(pair);
            }

            observer.OnCompleted();
        }
    }
}
