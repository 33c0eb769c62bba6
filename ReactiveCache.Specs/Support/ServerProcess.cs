using System.Diagnostics;

namespace ReactiveCache.Specs.Support;

/// <summary>The console server run as a real process (<c>dotnet ReactiveCache.dll ...</c>), its output captured.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];

    private ServerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Capture(_stdout, line.Data, isStdout: true);
        _process.ErrorDataReceived += (_, line) => Capture(_stderr, line.Data, isStdout: false);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string StandardOutput { get { lock (_stdout) { return string.Join('\n', _stdout); } } }

    public string StandardError { get { lock (_stderr) { return string.Join('\n', _stderr); } } }

    /// <summary>Completes with the log line that says the server is ready.</summary>
    public Task<string> Ready => _ready.Task;

    public static ServerProcess Start(params string[] arguments) => Launch(TheBuiltConsole(), arguments, environment: null, otherPortsOff: true);

    /// <summary>
    /// Starts the server with exactly <paramref name="arguments"/> (no protocol is turned off behind its back, so a
    /// config file's ports count) and <paramref name="environment"/> added to this process's environment.
    /// </summary>
    public static ServerProcess StartConfigured(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        Launch(TheBuiltConsole(), arguments, environment, otherPortsOff: false);

    /// <summary>The console server as an installed program: the <c>reactivecache</c> a <c>dotnet tool install</c> made.</summary>
    public static ServerProcess StartExecutable(string executable, params string[] arguments) =>
        Launch(new ProcessStartInfo(executable), arguments, environment: null, otherPortsOff: true);

    // Through env --default-signal=INT: a test run started in the background (`.ci/run &`) inherits SIGINT ignored, as a
    // shell's background jobs do, and .NET then never delivers Ctrl+C; the server must see it as from a terminal.
    private static ProcessStartInfo TheBuiltConsole() =>
        new("env") { ArgumentList = { "--default-signal=INT", "dotnet", Path.Combine(AppContext.BaseDirectory, "ReactiveCache.dll") } };

    private static ServerProcess Launch(ProcessStartInfo start, string[] arguments, IReadOnlyDictionary<string, string>? environment, bool otherPortsOff)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        // The other protocols' default ports (6379, 11211) may be taken on a build machine by a real Redis or
        // memcached, or a parallel run: keep those listeners off unless a spec asks for them.
        foreach (var option in new[] { "--resp-port", "--memcached-port" }.Where(option => otherPortsOff && !arguments.Contains(option)))
        {
            start.ArgumentList.Add(option);
            start.ArgumentList.Add("0");
        }

        return new ServerProcess(Process.Start(start)!);
    }

    /// <summary>
    /// The exit code once the process has exited. WaitForExitAsync also waits for the redirected output to reach its end,
    /// which can lag the exit; the process having exited is what counts. A process still running after
    /// <paramref name="timeout"/> fails with what it printed, so a hang says where it stopped.
    /// </summary>
    public async Task<int> ExitCodeAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException) when (_process.HasExited)
        {
        }
        catch (TimeoutException error)
        {
            throw new TimeoutException($"still running after {timeout.TotalSeconds} s; stdout:\n{StandardOutput}\nstderr:\n{StandardError}", error);
        }

        return _process.ExitCode;
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, _process.Id.ToString()]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private void Capture(List<string> lines, string? line, bool isStdout)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }

        if (isStdout && line.Contains("ready", StringComparison.OrdinalIgnoreCase))
        {
            _ready.TrySetResult(line);
        }
    }
}
