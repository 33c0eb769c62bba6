using ReactiveCache.Fuzz.Afl;
using SharpFuzz;

// afl-fuzz runs `dotnet ReactiveCache.Fuzz.Afl.dll TARGET` and feeds inputs through shared memory (persistent
// mode); `dotnet ReactiveCache.Fuzz.Afl.dll TARGET FILE...` replays saved inputs (a crash, a hang) without AFL.
if (args.Length == 0 || !Targets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: ReactiveCache.Fuzz.Afl {{{string.Join('|', Targets.All.Keys)}}} [input files to replay]");
    return 2;
}

if (args.Length > 1)
{
    foreach (var file in args.Skip(1))
    {
        Console.WriteLine($"{file}: {target.Run(File.ReadAllBytes(file))}");
    }

    return 0;
}

Fuzzer.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    target.Run(copy.ToArray());
});
return 0;
