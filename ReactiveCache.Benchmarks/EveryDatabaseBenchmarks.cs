using System.Reactive.Linq;
using System.Runtime.ExceptionServices;
using BenchmarkDotNet.Attributes;

namespace ReactiveCache.Benchmarks;

/// <summary>
/// What a write to database 0 costs while something watches every database of a 16-database server (Redis's WATCH
/// registry, keyspace notifications): one subscription to the store's every-database stream, or a Merge of each
/// database's public <see cref="CacheStore.Changes"/> (16 subscribers of the feed, 15 of which skip the batch).
/// </summary>
[MemoryDiagnoser]
public class EveryDatabaseBenchmarks
{
    private static readonly byte[] s_key = "key:123"u8.ToArray();
    private static readonly byte[] s_value = "value"u8.ToArray();

    private CacheStore[] _databases = null!;
    private IDisposable? _subscription;
    private long _changesSeen;

    [Params("none", "every-database", "merge-of-16")]
    public string Watcher { get; set; } = "none";

    [GlobalSetup]
    public void Setup()
    {
        var database0 = new CacheStore();
        _databases = [database0, .. Enumerable.Range(1, 15).Select(index => new CacheStore(database0, index))];
        _subscription = Watcher switch
        {
            "every-database" => database0.EveryDatabaseChanges.Subscribe(
                onNext: batch => _changesSeen += batch.Changes.Count,
                onError: static error => ExceptionDispatchInfo.Throw(error)),
            "merge-of-16" => _databases.Select(database => database.Changes).Merge().Subscribe(
                onNext: _ => _changesSeen++,
                onError: static error => ExceptionDispatchInfo.Throw(error)),
            _ => null,
        };
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _subscription?.Dispose();
        foreach (var database in _databases.Reverse())
        {
            database.Dispose();
        }
    }

    [Benchmark]
    public void Set() => _databases[0].Set(s_key, s_value);
}
