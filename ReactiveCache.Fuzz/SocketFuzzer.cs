namespace ReactiveCache.Fuzz;

/// <summary>
/// Runs cases one after another against a server process: generates case i of the seed, defuses the inputs that
/// reach a known bug, runs it, and on a finding prints its reproduction and either stops or starts a new server.
/// </summary>
internal static class SocketFuzzer
{
    private static readonly TimeSpan s_progressEvery = TimeSpan.FromSeconds(30);

    public static async Task<FuzzReport> RunAsync(FuzzOptions options)
    {
        var report = new FuzzReport();
        var server = await StartAsync(options, report);
        var nextProgress = s_progressEvery;
        try
        {
            foreach (var index in Indexes(options))
            {
                if (options.Duration > TimeSpan.Zero && report.Elapsed > options.Duration)
                {
                    break;
                }

                var outcome = await new CaseRunner(server, options).RunAsync(CaseGenerator.Create(options.Seed, index, options.Wires, options.FloodBytes));
                report.PeakResidentBytes = Math.Max(report.PeakResidentBytes, server.PeakResidentBytes);
                report.Add(outcome);
                if (outcome.Finding is not null)
                {
                    await options.Log.WriteAsync(FuzzReport.Describe(outcome));
                    Save(outcome.Case, options.FindingsDirectory);
                    if (options.StopAtFirstFinding)
                    {
                        break;
                    }

                    server.Dispose();
                    server = await StartAsync(options, report);
                }

                if (report.Elapsed > nextProgress)
                {
                    nextProgress += s_progressEvery;
                    await options.Log.WriteLineAsync($"{report.Elapsed:hh\\:mm\\:ss} {report.CaseCount} cases, {report.Findings.Count} finding(s), resident {server.ResidentBytes / 1024 / 1024} MB");
                }
            }
        }
        finally
        {
            server.Dispose();
        }

        return report;
    }

    private static IEnumerable<int> Indexes(FuzzOptions options)
    {
        if (options.OnlyCase is { } only)
        {
            yield return only;
            yield break;
        }

        for (var index = 0; options.Cases == 0 || index < options.Cases; index++)
        {
            yield return index;
        }
    }

    private static async Task<ServerUnderTest> StartAsync(FuzzOptions options, FuzzReport report)
    {
        report.ServerStarts++;
        return await ServerUnderTest.StartAsync(options.ServerDll);
    }

    private static void Save(FuzzCase fuzzCase, string? directory)
    {
        if (directory is null)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, $"seed-{fuzzCase.Seed}-case-{fuzzCase.Index}-{fuzzCase.Wire}.bin".ToLowerInvariant()), fuzzCase.Payload);
    }
}
