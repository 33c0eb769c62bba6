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
        var result = await RedisPyScript.RunAsync("redis_py_lists.py");

        Assert.That(result.Output.Trim(), Is.EqualTo("ok"), result.ToString());
    }
}
