using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>redis-py (Debian's python3-redis) on sets: the script says what it checks, and prints ok.</summary>
[Category("Integration")]
public sealed class RedisPySetSpecs : ReactiveTest
{
    [Test]
    public async Task Runs_redis_py_set_commands_a_big_SMEMBERS_and_a_watched_transaction()
    {
        var result = await RedisPyScript.RunAsync("redis_py_sets.py");

        Assert.That(result.Output.Trim(), Is.EqualTo("ok"), result.ToString());
    }
}
