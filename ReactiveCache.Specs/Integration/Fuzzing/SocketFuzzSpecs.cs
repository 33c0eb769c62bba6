using NUnit.Framework;
using ReactiveCache.Fuzz;

namespace ReactiveCache.Specs.Integration.Fuzzing;

/// <summary>
/// The bounded run of the socket-level fuzzer that CI does on every change: the console server as a process,
/// a fixed seed (RC_FUZZ_SEED overrides it), every protocol. Long runs use the fuzzer's own command line
/// (docs/reliability.md, "Fuzzing").
/// </summary>
[Category("Integration")]
public sealed class SocketFuzzSpecs
{
    private const int Cases = 900;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("RC_FUZZ_SEED"), out var seed) ? seed : 20261201;

    [Test]
    [CancelAfter(180_000)]
    public async Task Every_port_answers_within_2_s_after_each_fuzz_case_and_memory_stays_bounded()
    {
        var report = await SocketFuzzer.RunAsync(new FuzzOptions
        {
            Seed = Seed,
            Cases = Cases,
            // 256 MB floods, sent in a second or two, find a server that keeps several times what it is sent.
            FloodBytes = 256L * 1024 * 1024,
            MaxResidentBytes = 1024L * 1024 * 1024,
            StopAtFirstFinding = true,
            Log = TestContext.Progress,
        });

        TestContext.Out.WriteLine(report);
        Assert.That(report.Findings.Select(FuzzReport.Describe), Is.Empty, report.ToString());
        Assert.That(report.CaseCount, Is.EqualTo(Cases));
    }
}
