using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Memcached;

/// <summary>pymemcache (Debian python3-pymemcache) doing an application's everyday work.</summary>
public sealed class PymemcacheSpecs : MemcachedServerSpec
{
    [Test]
    public async Task Does_everyday_operations_noreply_pipelines_cas_flags_big_values_and_meta_commands()
    {
        var python = DebianPackage.RequirePythonModule("pymemcache", "python3-pymemcache");
        var script = Path.Combine(TestContext.CurrentContext.TestDirectory, "Integration", "Memcached", "pymemcache_everyday.py");

        var run = await ExternalProcess.RunAsync(python, [script, Memcached.Port.ToString()], TimeSpan.FromSeconds(60));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output.Trim(), Is.EqualTo("ok"), run.ToString());
    }
}
