using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ReactiveCache.Fuzz;

/// <summary>
/// The console server as a real process (<c>dotnet ReactiveCache.dll</c>, so it runs with its own socket settings:
/// inline completions, where one spinning connection stalls every other), on three free loopback ports. Its log
/// lines at Error and Critical are kept: each is a bug that reached the per-connection catch.
/// </summary>
internal sealed class ServerUnderTest : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Dictionary<Wire, int> _ports;

    private ServerUnderTest(Process process, Dictionary<Wire, int> ports)
    {
        _process = process;
        _ports = ports;
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Resident memory now, from /proc (0 where there is no /proc).</summary>
    public long ResidentBytes => ReadStatus("VmRSS:");

    /// <summary>The most resident memory the process ever had: catches a spike between two samples.</summary>
    public long PeakResidentBytes => ReadStatus("VmHWM:");

    public static async Task<ServerUnderTest> StartAsync(string serverDll)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Another process may take a port between our probe and the server's bind: try again with new ones.
            var ports = FreePorts();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
                     {
                         serverDll, "--bind", "127.0.0.1", "--port", $"{ports[Wire.Native]}", "--resp-port", $"{ports[Wire.Resp]}",
                         "--memcached-port", $"{ports[Wire.Memcached]}", "--log-level", "Warning",
                     })
            {
                start.ArgumentList.Add(argument);
            }

            var server = new ServerUnderTest(Process.Start(start)!, ports);
            if (await server.WaitUntilListeningAsync(TimeSpan.FromSeconds(30)))
            {
                return server;
            }

            var output = string.Join('\n', server._errors);
            server.Dispose();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"the server did not start: {output}");
            }
        }
    }

    public int Port(Wire wire) => _ports[wire];

    /// <summary>The Error and Critical log lines written since the last call.</summary>
    public IReadOnlyList<string> TakeErrors()
    {
        var lines = new List<string>();
        while (_errors.TryDequeue(out var line))
        {
            lines.Add(line);
        }

        return lines;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    private async Task<bool> WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !_process.HasExited)
        {
            if (await Probe.AllAnsweredAsync(this, TimeSpan.FromSeconds(2)) is null)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private void Keep(string? line)
    {
        // SimpleConsole, single line: "HH:mm:ss.fff fail: Category[0] message"; also an unhandled exception's text.
        if (line is not null && (line.Contains(" fail: ") || line.Contains(" crit: ") || line.StartsWith("Unhandled exception") || line.StartsWith("error:")))
        {
            _errors.Enqueue(line);
        }
    }

    private long ReadStatus(string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(text => text.StartsWith(field));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0]) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static Dictionary<Wire, int> FreePorts()
    {
        var listeners = Enum.GetValues<Wire>().ToDictionary(wire => wire, _ => new TcpListener(IPAddress.Loopback, 0));
        foreach (var listener in listeners.Values)
        {
            listener.Start();
        }

        var ports = listeners.ToDictionary(pair => pair.Key, pair => ((IPEndPoint)pair.Value.LocalEndpoint).Port);
        foreach (var listener in listeners.Values)
        {
            listener.Stop();
        }

        return ports;
    }
}
