using System.Net;
using System.Net.Sockets;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Native;

[Category("Integration")]
public sealed class ConsoleServerSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Serves_on_the_given_port_logs_where_it_listens_and_stops_on_SIGTERM_with_exit_code_0()
    {
        var port = FreePort();
        using var server = ServerProcess.Start("--port", port.ToString(), "--log-level", "Information");
        await server.Ready.WaitAsync(s_timeout);
        await using (var client = await LineClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port)))
        {
            Assert.That(await client.AskAsync("PUT greeting hello"), Is.EqualTo("OK"));
            Assert.That(await client.AskAsync("GET greeting"), Is.EqualTo("VALUE hello"));

            server.Signal("TERM");

            Assert.That(await server.ExitCodeAsync(TimeSpan.FromSeconds(5)), Is.Zero, () => server.StandardError + server.StandardOutput);
            Assert.That(await client.ReadToEndAsync(), Is.Empty);
        }

        Assert.That(server.StandardOutput, Does.Contain($"127.0.0.1:{port}"));
    }

    [Test]
    public async Task Keeps_as_many_changes_for_resuming_watchers_as_the_replay_buffer_option_says()
    {
        var port = FreePort();
        using var server = ServerProcess.Start("--port", port.ToString(), "--replay-buffer-size", "2");
        await server.Ready.WaitAsync(s_timeout);
        await using var client = await LineClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await client.SendLinesAsync("PUT a 1", "PUT b 2", "PUT c 3", "PUT d 4", "WATCH * FROM 0");

        var lines = await client.ReadLinesAsync(8);

        Assert.That(lines[4..], Is.EqualTo(new[] { "WATCHING * 4", "GAP 1 2", "CHANGE 3 set c 3", "CHANGE 4 set d 4" }));
    }

    [Test]
    public async Task Stops_on_ctrl_c_with_exit_code_0()
    {
        using var server = ServerProcess.Start("--port", FreePort().ToString());
        await server.Ready.WaitAsync(s_timeout);

        server.Signal("INT");

        Assert.That(await server.ExitCodeAsync(s_timeout), Is.Zero);
    }

    [Test]
    public async Task Prints_usage_on_stderr_and_exits_2_on_an_unknown_option()
    {
        using var server = ServerProcess.Start("--frobnicate");

        Assert.That(await server.ExitCodeAsync(s_timeout), Is.EqualTo(2));
        Assert.That(server.StandardError, Does.Contain("--frobnicate").And.Contain("--max-clients"));
    }

    [TestCase("--port", "abc")]
    [TestCase("--timeout", "-1")]
    [TestCase("--max-clients", "99999999999")]
    [TestCase("--client-output-buffer-limit", "pubsub 32mb")]
    public async Task Prints_the_error_and_usage_on_stderr_and_exits_2_on_a_bad_value(string option, string value)
    {
        using var server = ServerProcess.Start(option, value);

        Assert.That(await server.ExitCodeAsync(s_timeout), Is.EqualTo(2));
        Assert.That(server.StandardError, Does.Contain("error: " + option).And.Contain("--max-clients").And.Not.Contain("   at "));
    }

    [Test]
    public async Task Prints_the_version_and_exits_0_without_serving()
    {
        using var server = ServerProcess.Start("--version");

        Assert.That(await server.ExitCodeAsync(s_timeout), Is.Zero);
        Assert.That(server.StandardOutput, Does.Match(@"^\d+\.\d+\.\d+").And.Not.Contain("listening"));
    }

    [Test]
    public async Task Prints_help_and_exits_0()
    {
        using var server = ServerProcess.Start("--help");

        Assert.That(await server.ExitCodeAsync(s_timeout), Is.Zero);
        Assert.That(server.StandardOutput, Does.Contain("--port").And.Contain("--max-line-length").And.Contain("--log-level"));
    }

    [Test]
    public async Task Says_so_in_one_line_and_exits_1_when_the_port_is_in_use()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        using var server = ServerProcess.Start("--port", port.ToString());

        Assert.That(await server.ExitCodeAsync(s_timeout), Is.EqualTo(1));
        Assert.That(server.StandardError.Split('\n'), Has.Length.EqualTo(1));
        Assert.That(server.StandardError, Does.Contain(port.ToString()).And.Not.Contain("   at "));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
