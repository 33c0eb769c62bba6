using System.Diagnostics;
using System.Reactive.Concurrency;
using System.Text;

namespace ReactiveCache.Benchmarks;

/// <summary>
/// How long FLUSHALL of many small keys holds the store's lock: the longest a reader on another thread waits for one
/// GET while the flush runs (every client waits that long), beside the flush's own time, which includes delivering
/// its changes to a subscriber after the lock. Run: <c>dotnet run -c Release --project ReactiveCache.Benchmarks -- flush [keys]</c>.
/// </summary>
internal static class FlushCheck
{
    public static void Run(int keys)
    {
        var value = "val"u8.ToArray();
        using var store = new CacheStore(new CacheStoreOptions(), ImmediateScheduler.Instance);
        using var watcher = store.Changes.Subscribe(_ => { });
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < keys; i++)
            {
                store.Set(Encoding.ASCII.GetBytes($"key:{i}"), value);
            }

            var collections = GC.CollectionCount(2);
            using var stop = new CancellationTokenSource();
            var reader = Task.Factory.StartNew(() => LongestRead(store, stop.Token), TaskCreationOptions.LongRunning);
            var flush = Stopwatch.StartNew();
            var removed = store.Flush();
            flush.Stop();
            stop.Cancel();
            Console.WriteLine(
                $"flush of {removed} keys: {flush.Elapsed.TotalMilliseconds:F1} ms in all; longest GET meanwhile " +
                $"{reader.Result.TotalMilliseconds:F1} ms; gen2 collections {GC.CollectionCount(2) - collections}");
        }
    }

    private static TimeSpan LongestRead(CacheStore store, CancellationToken stop)
    {
        var longest = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            var read = Stopwatch.StartNew();
            store.Get("key:1");
            longest = read.Elapsed > longest ? read.Elapsed : longest;
        }

        return longest;
    }
}
