using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Memcached;

/// <summary>libmemcached's conformance suite for the ASCII protocol, run as a process against the server.</summary>
public sealed class MemccapableSpecs : MemcachedServerSpec
{
    private static readonly string[] s_asciiTests =
    [
        "version", "quit", "verbosity", "set", "set noreply", "get", "gets", "mget", "flush", "flush noreply", "add",
        "add noreply", "replace", "replace noreply", "cas", "cas noreply", "delete", "delete noreply", "incr",
        "incr noreply", "decr", "decr noreply", "append", "append noreply", "prepend", "prepend noreply", "stat",
    ];

    [Test]
    public async Task Passes_every_ascii_test_of_memccapable()
    {
        var run = await ExternalProcess.RunAsync(DebianPackage.Require("memccapable", "libmemcached-tools"), ["-a", "-h", "127.0.0.1", "-p", Memcached.Port.ToString(), "-t", "5"], TimeSpan.FromSeconds(90));

        // What memccapable prints against memcached 1.6: every ASCII test, each passed.
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries))),
            Is.EqualTo(s_asciiTests.Select(test => $"ascii {test} [pass]").Append("All tests passed")), run.ToString());
    }
}
