using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Memcached;

/// <summary>libmemcached's conformance suite for the ASCII protocol, run as a process against the server.</summary>
public sealed class MemccapableSpecs : MemcachedServerSpec
{
    [Test]
    public async Task Passes_every_ascii_test_of_memccapable()
    {
        var run = await ExternalProcess.RunAsync(DebianPackage.Require("memccapable", "libmemcached-tools"), ["-a", "-h", "127.0.0.1", "-p", Memcached.Port.ToString(), "-t", "5"], TimeSpan.FromSeconds(90));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("ascii stat").And.Not.Contain("[FAIL]"), run.ToString());
        Assert.That(run.Output.Split("[pass]").Length - 1, Is.GreaterThanOrEqualTo(27), run.ToString());
    }
}
