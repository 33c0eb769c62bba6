using System.Diagnostics;
using System.Text;

namespace ReactiveCache.Fuzz;

/// <summary>What a run did: cases per protocol and kind, bytes, time, peak memory, and every finding with its reproduction.</summary>
internal sealed class FuzzReport
{
    private readonly Dictionary<(Wire, CaseKind), int> _cases = [];
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public List<CaseOutcome> Findings { get; } = [];

    public int CaseCount { get; private set; }

    public long BytesSent { get; private set; }

    public int WriteStalls { get; private set; }

    public int ServerStarts { get; set; }

    public long PeakResidentBytes { get; set; }

    public TimeSpan Elapsed => _elapsed.Elapsed;

    public void Add(CaseOutcome outcome)
    {
        var key = (outcome.Case.Wire, outcome.Case.Kind);
        _cases[key] = _cases.GetValueOrDefault(key) + 1;
        CaseCount++;
        BytesSent += outcome.BytesSent;
        WriteStalls += outcome.WriteStalled ? 1 : 0;
        if (outcome.Finding is not null)
        {
            Findings.Add(outcome);
        }
    }

    public int Cases(Wire wire) => _cases.Where(pair => pair.Key.Item1 == wire).Sum(pair => pair.Value);

    public static string Describe(CaseOutcome finding) => new StringBuilder()
        .AppendLine($"FINDING {finding.Finding}")
        .AppendLine($"  {finding.Case}")
        .AppendLine($"  replay: dotnet run --project ReactiveCache.Fuzz -c Release -- --seed {finding.Case.Seed} --case {finding.Case.Index}")
        .AppendLine($"  bytes: \"{finding.Case.Escaped(2048)}\"")
        .ToString();

    public override string ToString()
    {
        var text = new StringBuilder()
            .AppendLine($"{CaseCount} cases in {Elapsed.TotalSeconds:0.0} s ({CaseCount / Math.Max(Elapsed.TotalSeconds, 0.001):0.0}/s), "
                + $"{BytesSent / 1024.0 / 1024.0:0.0} MB sent, {WriteStalls} writes held back by the server, "
                + $"{ServerStarts} server start(s), peak resident {PeakResidentBytes / 1024 / 1024} MB, {Findings.Count} finding(s)");
        foreach (var wire in Enum.GetValues<Wire>().Where(wire => Cases(wire) > 0))
        {
            var kinds = Enum.GetValues<CaseKind>().Select(kind => $"{kind} {_cases.GetValueOrDefault((wire, kind))}");
            var found = Findings.Count(finding => finding.Case.Wire == wire);
            text.AppendLine($"  {wire}: {Cases(wire)} cases ({string.Join(", ", kinds)}), {found} finding(s)");
        }

        foreach (var finding in Findings)
        {
            text.Append(Describe(finding));
        }

        return text.ToString();
    }
}
