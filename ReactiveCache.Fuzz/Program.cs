using ReactiveCache.Fuzz;

// The socket-level fuzzer (docs/reliability.md, "Fuzzing"). A long run:
//   dotnet run --project ReactiveCache.Fuzz -c Release -- --minutes 120 --seed 42
// Reproduce one finding:
//   dotnet run --project ReactiveCache.Fuzz -c Release -- --seed 42 --case 1234
const string Usage = """
    usage: ReactiveCache.Fuzz [--seed N] [--cases N | --minutes M] [--case I] [--protocols native,resp,memcached]
                              [--max-rss-mb MB] [--flood-mb MB] [--stop-at-first] [--findings DIR]
                              [--server-dll PATH]
    Runs the console server as a process on free loopback ports and sends every protocol random bytes, mutated
    commands, boundary arguments and floods. After each case every port must answer within 2 s, the process must
    be alive, its peak RSS under --max-rss-mb (default 1536) and its log free of errors. Exit code 1 on a finding.
    """;

var options = new FuzzOptions { FindingsDirectory = "fuzz/findings/socket" };
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
        options = args[i] switch
        {
            "--seed" => options with { Seed = int.Parse(Next()) },
            "--cases" => options with { Cases = int.Parse(Next()) },
            "--minutes" => options with { Duration = TimeSpan.FromMinutes(double.Parse(Next())) },
            "--case" => options with { OnlyCase = int.Parse(Next()) },
            "--protocols" => options with { Wires = Next().Split(',').Select(name => Enum.Parse<Wire>(name, ignoreCase: true)).ToArray() },
            "--max-rss-mb" => options with { MaxResidentBytes = long.Parse(Next()) * 1024 * 1024 },
            "--flood-mb" => options with { FloodBytes = long.Parse(Next()) * 1024 * 1024 },
            "--stop-at-first" => options with { StopAtFirstFinding = true },
            "--findings" => options with { FindingsDirectory = Next() },
            "--server-dll" => options with { ServerDll = Path.GetFullPath(Next()) },
            _ => throw new ArgumentException($"unknown option {args[i]}"),
        };
    }
}
catch (Exception error) when (error is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine($"error: {error.Message}\n{Usage}");
    return 2;
}

if (options is { Cases: 0, Duration.Ticks: 0, OnlyCase: null })
{
    options = options with { Cases = 3000 };
}

var report = await SocketFuzzer.RunAsync(options);
Console.WriteLine(report);
return report.Findings.Count == 0 ? 0 : 1;

