namespace ReactiveCache.Fuzz;

/// <summary>
/// One fuzzing run: which seed, how many cases or for how long, against which protocols, and the bounds a
/// healthy server stays within.
/// </summary>
internal sealed record FuzzOptions
{
    public int Seed { get; init; } = 1;

    /// <summary>Stop after this many cases (all protocols together); 0 for no limit.</summary>
    public int Cases { get; init; }

    /// <summary>Stop after this long; <see cref="TimeSpan.Zero"/> for no limit.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Run only this case (to reproduce a finding); null for a run from case 0.</summary>
    public int? OnlyCase { get; init; }

    public IReadOnlyList<Wire> Wires { get; init; } = Enum.GetValues<Wire>();

    /// <summary>How long another connection may wait for its answer after a case (the 2 s).</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The server's peak resident memory may not pass this.</summary>
    public long MaxResidentBytes { get; init; } = 1536L * 1024 * 1024;

    /// <summary>How much a flood case sends at most (0: no flood cases): more than the memory bound finds unbounded buffering.</summary>
    public long FloodBytes { get; init; } = 2048L * 1024 * 1024;

    /// <summary>Stop at the first finding (CI); otherwise restart the server and go on (long runs).</summary>
    public bool StopAtFirstFinding { get; init; }

    /// <summary>Where each finding's bytes are written (seed-S-case-I.bin); null to write none.</summary>
    public string? FindingsDirectory { get; init; }

    /// <summary>The server to run; by default the ReactiveCache.dll beside this assembly.</summary>
    public string ServerDll { get; init; } = Path.Combine(AppContext.BaseDirectory, "ReactiveCache.dll");

    /// <summary>Where progress and findings are written as the run goes.</summary>
    public TextWriter Log { get; init; } = Console.Out;
}
