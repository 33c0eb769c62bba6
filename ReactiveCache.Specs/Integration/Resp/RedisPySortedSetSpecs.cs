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
        var result = await RedisPyScript.RunAsync("redis_py_sorted_sets.py");

        Assert.That(result.Output.Trim(), Is.EqualTo("ok"), result.ToString());
    }
}
