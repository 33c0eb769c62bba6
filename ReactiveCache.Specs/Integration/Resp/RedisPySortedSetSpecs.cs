using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>redis-py (Debian's python3-redis) on sorted sets: the script says what it checks, and prints ok.</summary>
[Category("Integration")]
public sealed class RedisPySortedSetSpecs : ReactiveTest
{
    [Test]
    public async Task Runs_redis_py_sorted_set_commands_scores_text_blocking_pops_and_unions()
    {
        var python = DebianPackage.RequirePythonModule("redis", "python3-redis");
        var script = Path.Combine(TestContext.CurrentContext.TestDirectory, "Integration", "Resp", "redis_py_sorted_sets.py");
        await using var target = await RedisTarget.StartAsync();
        var port = target.Configuration.Split(':')[^1];

        var result = await ExternalProcess.RunAsync(python, [script, port], TimeSpan.FromSeconds(60));

        Assert.That(result.Output.Trim(), Is.EqualTo("ok"), result.ToString());
    }
}
