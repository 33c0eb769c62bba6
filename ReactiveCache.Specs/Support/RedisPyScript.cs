using NUnit.Framework;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// Runs one of the redis-py scripts beside the Resp specs against a fresh <see cref="RedisTarget"/>: the script gets
/// the port, checks what it says it checks, and prints <c>ok</c>. Skipped without Debian's python3-redis, unless CI.
/// </summary>
internal static class RedisPyScript
{
    public static async Task<ExternalProcess.Result> RunAsync(string scriptName)
    {
        var python = DebianPackage.RequirePythonModule("redis", "python3-redis");
        var script = Path.Combine(TestContext.CurrentContext.TestDirectory, "Integration", "Resp", scriptName);
        await using var target = await RedisTarget.StartAsync();
        var port = target.Configuration.Split(':')[^1];

        return await ExternalProcess.RunAsync(python, [script, port], TimeSpan.FromSeconds(60));
    }
}
