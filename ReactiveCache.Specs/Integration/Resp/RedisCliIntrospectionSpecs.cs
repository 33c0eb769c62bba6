using System.Text.RegularExpressions;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>redis-cli's introspection modes (--stat, --bigkeys, --memkeys, --latency, MONITOR) against an in-process server.</summary>
[Category("Integration")]
public sealed class RedisCliIntrospectionSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private RespServer _server = null!;

    [SetUp]
    public void Start() => _server = RespServer.Start();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    private string Cli => DebianPackage.Require("redis-cli", "redis-tools");

    private string Port => _server.Port.ToString();

    [Test]
    public async Task Shows_figures_that_move_in_stat_mode()
    {
        // --stat never ends by itself: stdbuf keeps its lines unbuffered, the timeout ends it after a few of them.
        var stat = ExternalProcess.RunAsync("stdbuf", ["-o0", Cli, "-p", Port, "--stat", "-i", "0.2"], TimeSpan.FromSeconds(3));
        for (var i = 0; i < 50; i++)
        {
            _server.Server.Store.Set($"key:{i}", "value");
            await ExternalProcess.RunAsync(Cli, ["-p", Port, "GET", $"key:{i}"], s_timeout);
        }

        var output = (await stat).Output;
        var rows = Regex.Matches(output, @"(?m)^(\d+)\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+) \(\+(\d+)\)").Select(match => match.Groups).ToArray();

        Assert.That(rows, Has.Length.GreaterThanOrEqualTo(2), output);
        Assert.That(rows.Select(row => long.Parse(row[1].Value)).Distinct().Count(), Is.GreaterThan(1), "keys did not change\n" + output);
        Assert.That(rows.Select(row => long.Parse(row[5].Value)).Last(), Is.GreaterThan(long.Parse(rows[0][5].Value)), output);
        Assert.That(rows.Last()[2].Value, Does.Not.Match("^0B$"), output);
    }

    [TestCase("--bigkeys", "Biggest string found '\"big\"' has 10000 bytes")]
    [TestCase("--memkeys", "Biggest string found '\"big\"' has")]
    public async Task Finds_the_biggest_key(string mode, string expected)
    {
        _server.Server.Store.Set("small", "x");
        _server.Server.Store.Set("big", new string('x', 10_000));

        var result = await ExternalProcess.RunAsync(Cli, ["-p", Port, mode], s_timeout);

        Assert.That(result.Output, Does.Contain(expected), result.ToString());
        if (mode == "--memkeys")
        {
            var bytes = long.Parse(Regex.Match(result.Output, "Biggest string found '\"big\"' has (\\d+) bytes").Groups[1].Value);
            Assert.That(bytes, Is.GreaterThan(10_000));
        }
    }

    [Test]
    public async Task Measures_latency()
    {
        var result = await ExternalProcess.RunAsync(Cli, ["-p", Port, "--latency", "--raw", "-i", "1"], s_timeout);

        // min max avg samples
        Assert.That(result.Output, Does.Match(@"^\d+ \d+ \d+\.\d\d \d+\n$"), result.ToString());
    }

    [Test]
    public async Task Prints_monitor_lines()
    {
        var monitor = ExternalProcess.RunAsync("stdbuf", ["-o0", Cli, "-p", Port, "MONITOR"], TimeSpan.FromSeconds(3));
        for (var i = 0; i < 20; i++)
        {
            await ExternalProcess.RunAsync(Cli, ["-p", Port, "SET", "greeting", "hello world"], s_timeout);
        }

        var output = (await monitor).Output;

        Assert.That(output, Does.StartWith("OK\n"), output);
        Assert.That(output, Does.Match(@"(?m)^\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] ""SET"" ""greeting"" ""hello world""$"), output);
    }
}
