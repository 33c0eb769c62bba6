using System.Diagnostics;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// Runs a real client (redis-cli, redis-benchmark, memccapable, memccp, python3...) to completion, feeding it
/// <c>input</c> on stdin if given, and captures what it printed.
/// A run over its time limit is killed and reported as such, so a hung client never hangs the suite.
/// </summary>
internal static class ExternalProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? input = null)
    {
        var start = new ProcessStartInfo(Locate(fileName))
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

    /// <summary>The tool's full path; fails the spec with the package to install when it is missing.</summary>
    public static string Locate(string fileName)
    {
        if (Path.IsPathRooted(fileName))
        {
            return File.Exists(fileName) ? fileName : throw new FileNotFoundException($"{fileName} is not installed");
        }

        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, fileName))
            .FirstOrDefault(File.Exists);
        return found ?? throw new FileNotFoundException(
            $"{fileName} is not on PATH (.ci/run installs the Debian packages redis-tools, python3-redis, libmemcached-tools, python3-pymemcache)");
    }
}
