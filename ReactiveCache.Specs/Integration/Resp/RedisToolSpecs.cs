using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>redis-cli and redis-benchmark from Debian's redis-tools, run as processes against an in-process server.</summary>
[Category("Integration")]
public sealed class RedisToolSpecs : ReactiveTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    private RespServer _server = null!;

    [SetUp]
    public void Start() => _server = RespServer.Start();

    [TearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public async Task Answers_redis_cli_as_Redis_would()
    {
        var script = string.Join("\n",
            "SET greeting \"hello world\"",
            "GET greeting",
            "INCR visits",
            "EXPIRE greeting 100",
            "TTL greeting",
            "MGET greeting nothing",
            "GET",
            "DBSIZE",
            "");

        var result = await ExternalProcess.RunAsync(DebianPackage.Require("redis-cli", "redis-tools"), ["-p", _server.Port.ToString()], s_timeout, input: script);

        Assert.That(result.Output.Split('\n'), Is.EqualTo(new[]
        {
            "OK", "hello world", "1", "1", "100", "hello world", "", "ERR wrong number of arguments for 'get' command", "", "2", "",
        }), result.Error);
    }

    [Test]
    public async Task Speaks_RESP3_to_redis_cli()
    {
        var result = await ExternalProcess.RunAsync(DebianPackage.Require("redis-cli", "redis-tools"), ["-3", "-p", _server.Port.ToString(), "HELLO", "3"], s_timeout);

        // redis-cli prints a RESP3 map as "key value" lines; redis-server 7.0 gives the same, with its own version and id.
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output.Split('\n'), Is.EqualTo(new[]
        {
            "server redis", "version 7.2.4", "proto 3", "id 1", "mode standalone", "role master", "modules ", "",
        }), result.Error);
    }

    [TestCase(1)]
    [TestCase(16)]
    public async Task Serves_redis_benchmark_without_errors(int pipeline)
    {
        var result = await ExternalProcess.RunAsync(DebianPackage.Require("redis-benchmark", "redis-tools"),
            ["-p", _server.Port.ToString(), "-t", "ping,set,get,incr,mset", "-n", "2000", "-c", "10", "-P", pipeline.ToString(), "-q"],
            TimeSpan.FromSeconds(90));

        // redis-benchmark exits 0 even when every reply is an error, so the server's own counts say what ran:
        // two PING tests, then SET, GET, INCR and MSET of its one placeholder key, each -n times, none failed.
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        foreach (var test in new[] { "PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "MSET" })
        {
            Assert.That(result.Output, Does.Contain(test + ": ").Or.Contain(test + " (10 keys): "), result.Output);
        }

        var stats = (await ExternalProcess.RunAsync(DebianPackage.Require("redis-cli", "redis-tools"), ["-p", _server.Port.ToString(), "INFO", "commandstats"], s_timeout)).Output;
        foreach (var (command, calls) in new[] { ("ping", 4000), ("set", 2000), ("get", 2000), ("incr", 2000), ("mset", 2000) })
        {
            Assert.That(stats, Does.Match($@"(?m)^cmdstat_{command}:calls={calls},usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,failed_calls=0\r?$"), stats);
        }

        Assert.That(_server.Server.Store.Get("counter:__rand_int__"), Is.EqualTo("2000"));
        Assert.That(_server.Server.Store.Get("key:__rand_int__"), Is.EqualTo("VXK"));
        Assert.That(_server.Server.Store.Count, Is.EqualTo(2));
    }
}
