using System.Diagnostics;
using System.Reactive.Concurrency;

namespace ReactiveCache.Benchmarks;

/// <summary>
/// What a full blocking collection costs while a million-element value lives, and once it died: the pause every client
/// shares under the console's non-concurrent GC, and what GarbageNudge's forced collection after a big free would cost.
/// Run: <c>dotnet run -c Release --project ReactiveCache.Benchmarks -- gcpause [elements]</c>.
/// </summary>
internal static class GcPauseCheck
{
    public static void Run(int elements)
    {
        Console.WriteLine($"concurrent GC: {System.Runtime.GCSettings.LatencyMode}, server: {System.Runtime.GCSettings.IsServerGC}");
        foreach (var kind in new[] { "hash", "list" })
        {
            var store = new CacheStore(new CacheStoreOptions { ReplayBufferSize = 0 }, ImmediateScheduler.Instance);
            Fill(store, kind, elements);
            Console.WriteLine($"{kind} of {elements}: heap {GC.GetTotalMemory(false) >> 20} MiB, used_memory {store.UsedMemory >> 20} MiB");
            Time($"  gen0 with it live", 0);
            Time($"  gen1 with it live", 1);
            Time($"  gen2 with it live", 2);
            Time($"  gen2 with it live", 2);
            var deleted = Stopwatch.StartNew();
            store.Delete("big");
            Console.WriteLine($"  Delete returned in {deleted.Elapsed.TotalMilliseconds:F2} ms");
            Time($"  gen2 once it died, not compacting", 2, compacting: false);
            Time($"  gen2 after that, compacting", 2);
            store.Dispose();
        }
    }

    private static void Fill(CacheStore store, string kind, int elements)
    {
        const int chunk = 1000;
        for (var start = 0; start < elements; start += chunk)
        {
            var count = Math.Min(chunk, elements - start);
            if (kind == "hash")
            {
                store.SetFields("big", Enumerable.Range(start, count).Select(i => new KeyValuePair<string, string>($"f:{i:D7}", "vvvvvvvv")));
            }
            else
            {
                store.PushRight("big", Enumerable.Range(start, count).Select(i => $"e:{i:D7}").ToArray());
            }
        }
    }

    private static void Time(string label, int generation, bool compacting = true)
    {
        var watch = Stopwatch.StartNew();
        GC.Collect(generation, GCCollectionMode.Forced, blocking: true, compacting: generation == 2 && compacting);
        Console.WriteLine($"{label}: {watch.Elapsed.TotalMilliseconds:F1} ms");
    }
}
