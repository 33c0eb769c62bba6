using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>redis-py (Debian's python3-redis) on lists and blocking pops: the script says what it checks, and prints ok.</summary>
[Category("Integration")]
public sealed class RedisPyListSpecs : ReactiveTest
{
    [Test]
    public async Task Runs_redis_py_list_commands_and_blocking_pops_woken_by_another_client()
    {
        var python = DebianPackage.RequirePythonModule("redis", "python3-redis");
        var script = Path.Combine(TestContext.CurrentContext.TestDirectory, "Integration", "Resp", "redis_py_lists.py");
        await using var target = await RedisTarget.StartAsync();
        var port = target.Configuration.Split(':')[^1];

        var result = await ExternalProcess.RunAsync(python, [script, port], TimeSpan.FromSeconds(60));

        Assert.That(result.Output.Trim(), Is.EqualTo("ok"), result.ToString());
    }
}
