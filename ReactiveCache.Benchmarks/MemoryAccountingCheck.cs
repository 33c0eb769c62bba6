using System.Reactive.Concurrency;

namespace ReactiveCache.Benchmarks;

/// <summary>
/// Checks the store's memory accounting against the managed heap: fills a store with keys of one shape and compares
/// what <see cref="CacheStore.UsedMemory"/> says with what a full collection finds the heap grew by.
/// Run: <c>dotnet run -c Release --project ReactiveCache.Benchmarks -- accounting</c>.
/// </summary>
internal static class MemoryAccountingCheck
{
    public static void Run()
    {
        Console.WriteLine("shape | keys | accounted B/key | heap B/key | heap / accounted");
        foreach (var (name, valueSize, fields, ttl) in new[]
                 {
                     ("string 10 B", 10, 0, false), ("string 100 B", 100, 0, false), ("string 1 KB", 1024, 0, false),
                     ("string 1 KB with TTL", 1024, 0, true), ("string 16 KB", 16 * 1024, 0, false),
                     ("hash 10 fields of 20 B", 20, 10, false), ("hash 1000 fields of 20 B", 20, 1000, false),
                 })
        {
            Measure(name, valueSize, fields, ttl);
        }
    }

    private static void Measure(string name, int valueSize, int fields, bool ttl)
    {
        var keys = fields >= 1000 ? 200 : Math.Max(1000, 64 * 1024 * 1024 / (valueSize * Math.Max(1, fields) + 200));
        var before = Heap();
        var store = new CacheStore(new CacheStoreOptions { ReplayBufferSize = 0 }, ImmediateScheduler.Instance);
        var value = new string('v', valueSize);
        for (var i = 0; i < keys; i++)
        {
            var key = $"key:{i:D8}";
            if (fields == 0)
            {
                store.Set(key, value, ttl ? TimeSpan.FromHours(1) : null);
            }
            else
            {
                store.SetFields(key, Enumerable.Range(0, fields).Select(f => new KeyValuePair<string, string>($"field:{f:D6}", value)));
            }
        }

        var heap = Heap() - before;
        var accounted = store.UsedMemory;
        Console.WriteLine($"{name} | {keys} | {accounted / (double)keys:F0} | {heap / (double)keys:F0} | {heap / (double)accounted:F3}");
        GC.KeepAlive(store);
        store.Dispose();
    }

    private static long Heap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
