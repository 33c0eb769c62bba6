using System.Runtime.ExceptionServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace ReactiveCache.Benchmarks;

/// <summary>
/// The store's hot paths, one call per operation, on the real clock (<c>Scheduler.Default</c>) and the
/// default options (a 100 000-change replay buffer). Reads compare to <see cref="TryGetHit"/>, writes to
/// <see cref="Set"/>.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class StoreBenchmarks
{
    private static readonly byte[] s_key = "key:123"u8.ToArray();
    private static readonly byte[] s_missingKey = "missing:123"u8.ToArray();
    private static readonly byte[] s_transientKey = "transient:1"u8.ToArray();
    private static readonly TimeSpan s_timeToLive = TimeSpan.FromHours(1);

    private CacheStore _store = null!;
    private CacheStore _watchedStore = null!;
    private CacheStore _unbufferedStore = null!;
    private IDisposable _subscription = null!;
    private long _changesSeen;

    [GlobalSetup]
    public void Setup()
    {
        _store = new CacheStore();
        NativeInput.Preload(_store);
        _unbufferedStore = new CacheStore(new CacheStoreOptions { ReplayBufferSize = 0 });
        NativeInput.Preload(_unbufferedStore);
        _watchedStore = new CacheStore();
        NativeInput.Preload(_watchedStore);
        _subscription = _watchedStore.Changes.Subscribe(
            onNext: _ => _changesSeen++,
            onError: static error => ExceptionDispatchInfo.Throw(error));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _subscription.Dispose();
        _watchedStore.Dispose();
        _unbufferedStore.Dispose();
        _store.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Read")]
    public bool TryGetHit() => _store.TryGet(s_key, out _);

    [Benchmark]
    [BenchmarkCategory("Read")]
    public bool TryGetMiss() => _store.TryGet(s_missingKey, out _);

    /// <summary>The store's clock, read once by every command (reads included): a floor under both groups.</summary>
    [Benchmark]
    [BenchmarkCategory("Read")]
    public DateTimeOffset ReadClock() => _store.Scheduler.Now;

    /// <summary>Overwrites a stored key, no time to live, nobody subscribed.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Write")]
    public void Set() => _store.Set(s_key, NativeInput.Value);

    /// <summary>As <see cref="Set"/>, with one <c>store.Changes</c> subscriber receiving each change.</summary>
    [Benchmark]
    [BenchmarkCategory("Write")]
    public void SetWithOneSubscriber() => _watchedStore.Set(s_key, NativeInput.Value);

    /// <summary>As <see cref="Set"/> with no replay buffer: what keeping the last 100 000 changes alive costs.</summary>
    [Benchmark]
    [BenchmarkCategory("Write")]
    public void SetWithoutReplayBuffer() => _unbufferedStore.Set(s_key, NativeInput.Value);

    [Benchmark]
    [BenchmarkCategory("Write")]
    public void SetWithTimeToLive() => _store.Set(s_key, NativeInput.Value, s_timeToLive);

    /// <summary>Adds a key and deletes it: the cost of a successful Delete is this minus an insert.</summary>
    [Benchmark]
    [BenchmarkCategory("Write")]
    public bool SetThenDelete()
    {
        _store.Set(s_transientKey, NativeInput.Value);
        return _store.Delete(s_transientKey);
    }

    [Benchmark]
    [BenchmarkCategory("Write")]
    public bool DeleteMissing() => _store.Delete(s_missingKey);
}
