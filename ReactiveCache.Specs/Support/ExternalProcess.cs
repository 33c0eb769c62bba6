using System.Diagnostics;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// Runs a real client (redis-cli, redis-benchmark, memccapable, memccp, python3...) to completion, feeding it
/// <c>input</c> on stdin if given, and captures what it printed. Callers find the client with
/// <see cref="DebianPackage"/> first, so a missing one skips the spec with the package to install.
/// A run over its time limit is killed and reported as such, so a hung client never hangs the suite.
/// </summary>
internal static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? input = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Result(-1, await output, $"killed after {timeout}\n{await error}");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
