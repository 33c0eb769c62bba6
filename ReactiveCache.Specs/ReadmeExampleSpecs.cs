using NUnit.Framework;
using ReactiveCache.Hosting;

namespace ReactiveCache.Specs;

/// <summary>The README's examples, run as written, so the README stays true.</summary>
public sealed class ReadmeExampleSpecs
{
    [Test]
    public void The_in_process_example_prints_what_the_readme_says()
    {
        var printed = new List<string>();
        using var store = new CacheStore();

        using var subscription = store.Connect("user:*")
            .SelectMany(batch => batch.Changes)
            .Subscribe(change => printed.Add($"#{change.Sequence} {change.Kind} {change.KeyText} = {change.ValueText}"));

        store.Set("user:1", "Ada", TimeSpan.FromSeconds(30));
        store.Set("order:1", "ignored: does not match");
        store.Delete("user:1");

        Assert.That(printed, Is.EqualTo(new[] { "#1 Added user:1 = Ada", "#3 Removed user:1 = " }));
    }

    [Test]
    public void The_blocking_pop_example_prints_what_the_readme_says()
    {
        var printed = new List<string>();
        using var store = new CacheStore();

        using var worker = store.BlockingPopLeft(TimeSpan.FromSeconds(5), "jobs")
            .Subscribe(job => printed.Add($"{job.Key}: {job.Value}"));

        store.PushRight("jobs", "resize image 42");

        Assert.That(printed, Is.EqualTo(new[] { "jobs: resize image 42" }));
    }

    [Test]
    [Category("Integration")]
    public async Task The_hosting_example_binds_a_free_port()
    {
        await using var server = CacheServer.Start(new CacheServerOptions { Port = 0, RespPort = 0, MemcachedPort = 0 });

        Assert.That(server.NativeEndPoint!.Port, Is.Positive);
        Assert.That(server.NativeEndPoint.Address.ToString(), Is.EqualTo("127.0.0.1"));
        Assert.That(server.RespEndPoint!.Port, Is.Positive);
        Assert.That(server.MemcachedEndPoint!.Port, Is.Positive);
    }
}
