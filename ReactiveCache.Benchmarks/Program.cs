using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using ReactiveCache.Benchmarks;

if (args is ["gcpause", ..])
{
    GcPauseCheck.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}

if (args is ["flush", ..])
{
    FlushCheck.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
    return;
}

if (args is ["accounting"])
{
    MemoryAccountingCheck.Run();
    return;
}

// The build machines are shared, so the default job is short: ratios and allocations stay meaningful
// even when absolute times are noisy. Options such as --iterationCount 15 adjust it from the command line.
var shortJob = Job.Default
    .WithLaunchCount(1)
    .WithWarmupCount(3)
    .WithIterationCount(5)
    .WithId("Short")
    .AsDefault();

BenchmarkSwitcher
    .FromAssembly(typeof(StoreBenchmarks).Assembly)
    .Run(args, DefaultConfig.Instance
        .AddJob(shortJob)
        // Under load from other processes the fastest iteration is the most repeatable figure.
        .AddColumn(StatisticColumn.Min, StatisticColumn.Median));
