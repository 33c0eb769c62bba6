using System.Collections.Concurrent;
using System.Diagnostics;
using NUnit.Framework;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// The Debian clients the integration specs drive (redis-cli, memccapable, python3-redis, afl++...). On a machine
/// with only the .NET SDK a spec that needs one reports itself skipped with the package to install, so
/// <c>dotnet test</c> passes on a fresh clone; with <c>CI=true</c> the same spec fails instead, because
/// <c>.ci/run</c> installs every package and a missing one there is a broken CI script, not an optional extra.
/// </summary>
internal static class DebianPackage
{
    // Debian's python3 carries python3-redis and python3-pymemcache; a pyenv or venv python3 on PATH may not.
    private const string DebianPython = "/usr/bin/python3";

    private static readonly ConcurrentDictionary<(string Python, string Module), bool> s_importable = new();

    private static bool RunningInCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of <paramref name="tool"/>; skips the spec (fails it under CI=true) when it is missing.</summary>
    public static string Require(string tool, string package) =>
        Find(tool) ?? Missing(package, $"{tool} is not installed");

    /// <summary>A python3 that can import <paramref name="module"/>; skips the spec (fails it under CI=true) when none can.</summary>
    public static string RequirePythonModule(string module, string package)
    {
        var pythons = new[] { DebianPython, Find("python3") }
            .OfType<string>()
            .Where(File.Exists)
            .Distinct();
        return pythons.FirstOrDefault(python => CanImport(python, module))
            ?? Missing(package, $"no python3 on this machine can import {module}");
    }

    private static string Missing(string package, string what)
    {
        var message = $"{what}: needs {package}: apt-get install -y {package}";
        if (RunningInCi)
        {
            Assert.Fail($"{message} (CI=true: .ci/run must install it)");
        }

        Assert.Ignore(message);
        throw new UnreachableException();
    }

    private static string? Find(string tool) =>
        Path.IsPathRooted(tool)
            ? (File.Exists(tool) ? tool : null)
            : (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, tool))
                .FirstOrDefault(File.Exists);

    private static bool CanImport(string python, string module) =>
        s_importable.GetOrAdd((python, module), key => Imports(key.Python, key.Module));

    private static bool Imports(string python, string module)
    {
        var start = new ProcessStartInfo(python) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        // An empty directory of that name imports as a namespace package: only a module with a file counts.
        start.ArgumentList.Add($"import {module}; assert {module}.__file__");
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            return process.WaitForExit(TimeSpan.FromSeconds(30)) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
