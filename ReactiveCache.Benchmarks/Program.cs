using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using ReactiveCache.Benchmarks;

// The build machines are shared, so the default job is short: ratios and allocations stay meaningful
// even when absolute times are noisy. A job given on the command line (--job default) replaces it.
var shortJob = Job.Default
    .WithLaunchCount(1)
    .WithWarmupCount(3)
    .WithIterationCount(5)
    .WithId("Short")
    .AsDefault();

BenchmarkSwitcher
    .FromAssembly(typeof(StoreBenchmarks).Assembly)
    .Run(args, DefaultConfig.Instance.AddJob(shortJob));
