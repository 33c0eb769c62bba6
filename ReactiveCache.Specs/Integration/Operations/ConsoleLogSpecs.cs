using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Operations;

[Category("Integration")]
public sealed class ConsoleLogSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Writes_one_parseable_json_object_per_line_with_a_level_and_a_message()
    {
        using var server = ServerProcess.Start("--port", FreePort().ToString(), "--log-format", "json");
        await server.Ready.WaitAsync(s_timeout);
        server.Signal("TERM");
        Assert.That(await server.ExitCodeAsync(s_timeout), Is.Zero, () => server.StandardError);

        var entries = server.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();

        Assert.That(entries, Has.Length.GreaterThanOrEqualTo(3));
        Assert.That(entries.Select(entry => entry.GetProperty("LogLevel").GetString()), Has.All.EqualTo("Information"));
        Assert.That(entries.Select(entry => entry.GetProperty("Message").GetString()), Has.Some.Contains("ready"));
    }

    [Test]
    public async Task Appends_the_log_to_the_logfile_and_flushes_it_on_stop()
    {
        var path = Path.Combine(Path.GetTempPath(), $"reactivecache-{Guid.NewGuid():N}.log");
        await File.WriteAllTextAsync(path, "earlier line\n");
        try
        {
            var port = FreePort();
            using var server = ServerProcess.Start("--port", port.ToString(), "--logfile", path);
            await ReadyInAsync(path);
            await using (var client = await LineClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)))
            {
                Assert.That(await client.AskAsync("PING"), Is.EqualTo("PONG"));
            }

            server.Signal("TERM");
            Assert.That(await server.ExitCodeAsync(s_timeout), Is.Zero, () => server.StandardError);

            var lines = await File.ReadAllLinesAsync(path);
            Assert.That(lines[0], Is.EqualTo("earlier line"));
            Assert.That(lines, Has.Some.Contains($"NativeProtocol listening on 127.0.0.1:{port}"));
            Assert.That(lines, Has.Some.Contains("ready"));
            Assert.That(lines[^1], Does.Contain("Stopped"));
            Assert.That(server.StandardOutput, Is.Empty);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Exits_1_with_a_clear_error_when_the_logfile_cannot_be_opened()
    {
        using var server = ServerProcess.Start("--port", FreePort().ToString(), "--logfile", "/nonexistent-directory/reactivecache.log");

        Assert.That(await server.ExitCodeAsync(s_timeout), Is.EqualTo(1));
        Assert.That(server.StandardError, Does.Contain("cannot open --logfile '/nonexistent-directory/reactivecache.log'"));
    }

    [Test]
    public async Task Logs_a_connection_refused_because_maxclients_is_reached()
    {
        var port = FreePort();
        using var server = ServerProcess.Start("--port", port.ToString(), "--max-clients", "1");
        await server.Ready.WaitAsync(s_timeout);
        await using var first = await LineClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        Assert.That(await first.AskAsync("PING"), Is.EqualTo("PONG"));

        await using var second = await LineClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        Assert.That(await second.ReadLineAsync(), Does.StartWith("ERR"));

        // The console logger writes on its own thread: the line follows the refusal shortly.
        server.Signal("TERM");
        Assert.That(await server.ExitCodeAsync(s_timeout), Is.Zero, () => server.StandardError);
        Assert.That(server.StandardOutput, Does.Contain("warn:").And.Contain("maxclients (1) reached"));
    }

    // With --logfile nothing says "ready" on standard output: the file does (the signal handlers are in place by then).
    // Each write to the file is a signal (inotify, through FileSystemWatcher); the file is read again only then. The
    // watcher is on before the first read, so no write falls between the two.
    private static async Task ReadyInAsync(string path)
    {
        using var written = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
        };
        watcher.Changed += (_, _) => written.Release();
        watcher.Created += (_, _) => written.Release();
        watcher.EnableRaisingEvents = true;
        using var deadline = new CancellationTokenSource(s_timeout);
        while (!(File.Exists(path) && (await ReadSharedAsync(path)).Contains("ready", StringComparison.Ordinal)))
        {
            await written.WaitAsync(deadline.Token);
        }
    }

    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(file);
        return await reader.ReadToEndAsync();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
