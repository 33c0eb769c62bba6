using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.Caching;

/// <summary>
/// HybridCache (Microsoft.Extensions.Caching.Hybrid) with the Redis IDistributedCache as its second level: each
/// app instance has its own in-memory first level, and the server is what instances share.
/// </summary>
[Category("Integration")]
public sealed class HybridCacheSpecs : ReactiveTest
{
    private RedisTarget _target = null!;
    private CacheApp _first = null!;
    private CacheApp _second = null!;
    private ConnectionMultiplexer _raw = null!;
    private ServerWrites _written = null!;

    [SetUp]
    public async Task Start()
    {
        _target = await RedisTarget.StartAsync();
        _first = CacheApp.Start(_target);
        _second = CacheApp.Start(_target);
        _raw = await _target.ConnectAsync();
        _written = new ServerWrites(_raw);
    }

    [TearDown]
    public async Task Stop()
    {
        await _raw.DisposeAsync();
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Test]
    public async Task Runs_the_factory_once_and_serves_the_value_after()
    {
        var factory = new CountingFactory("price: 12");

        var first = await _first.Hybrid.GetOrCreateAsync("product:1", factory.CreateAsync);
        var again = await _first.Hybrid.GetOrCreateAsync("product:1", factory.CreateAsync);

        Assert.That((first, again), Is.EqualTo(("price: 12", "price: 12")));
        Assert.That(factory.Runs, Is.EqualTo(1));
    }

    [Test]
    public async Task A_second_app_instance_finds_the_value_in_the_server_without_running_its_factory()
    {
        var written = await _written.OfAsync("product:2");
        await _first.Hybrid.GetOrCreateAsync("product:2", new CountingFactory("from the first").CreateAsync);
        await written;
        var secondFactory = new CountingFactory("from the second");

        var found = await _second.Hybrid.GetOrCreateAsync("product:2", secondFactory.CreateAsync);

        Assert.That(found, Is.EqualTo("from the first"));
        Assert.That(secondFactory.Runs, Is.Zero);
    }

    [Test]
    public async Task RemoveAsync_removes_the_value_from_the_server_too()
    {
        var oldWritten = await _written.OfAsync("product:3");
        await _first.Hybrid.GetOrCreateAsync("product:3", new CountingFactory("old").CreateAsync);
        await oldWritten;

        await _first.Hybrid.RemoveAsync("product:3");

        var firstFactory = new CountingFactory("new for the first");
        var secondFactory = new CountingFactory("new for the second");
        var written = await _written.OfAsync("product:3");
        Assert.That(await _first.Hybrid.GetOrCreateAsync("product:3", firstFactory.CreateAsync), Is.EqualTo("new for the first"));
        await written;
        Assert.That(await _second.Hybrid.GetOrCreateAsync("product:3", secondFactory.CreateAsync), Is.EqualTo("new for the first"));
        Assert.That((firstFactory.Runs, secondFactory.Runs), Is.EqualTo((1, 0)));
    }

    [Test]
    public async Task Another_instance_keeps_serving_its_in_memory_copy_after_a_remove_elsewhere()
    {
        // HybridCache 10.11 has no backplane: a remove reaches the server and the remover's memory, not its peers'.
        var written = await _written.OfAsync("product:6");
        await _first.Hybrid.GetOrCreateAsync("product:6", new CountingFactory("cached").CreateAsync);
        await written;
        await _second.Hybrid.GetOrCreateAsync("product:6", new CountingFactory("unused").CreateAsync);

        await _first.Hybrid.RemoveAsync("product:6");

        var secondFactory = new CountingFactory("fresh");
        Assert.That(await _second.Hybrid.GetOrCreateAsync("product:6", secondFactory.CreateAsync), Is.EqualTo("cached"));
        Assert.That(secondFactory.Runs, Is.Zero);
    }

    [Test]
    public async Task RemoveByTagAsync_invalidates_the_tagged_entries_only()
    {
        string[] tags = ["catalogue"];
        await _first.Hybrid.GetOrCreateAsync("product:4", new CountingFactory("tagged").CreateAsync, tags: tags);
        await _first.Hybrid.GetOrCreateAsync("cart:4", new CountingFactory("untagged").CreateAsync);

        await _first.Hybrid.RemoveByTagAsync("catalogue");

        var tagged = new CountingFactory("tagged again");
        var untagged = new CountingFactory("untagged again");
        Assert.That(await _first.Hybrid.GetOrCreateAsync("product:4", tagged.CreateAsync, tags: tags), Is.EqualTo("tagged again"));
        Assert.That(await _first.Hybrid.GetOrCreateAsync("cart:4", untagged.CreateAsync), Is.EqualTo("untagged"));
        Assert.That((tagged.Runs, untagged.Runs), Is.EqualTo((1, 0)));
    }

    [Test]
    public async Task A_tag_removed_by_one_instance_is_invalid_for_another_that_reads_the_server()
    {
        string[] tags = ["catalogue"];
        var written = await _written.OfAsync("product:5");
        await _first.Hybrid.GetOrCreateAsync("product:5", new CountingFactory("stale").CreateAsync, tags: tags);
        await written;
        var invalidated = await _written.OfAsync("__MSFT_HCT__catalogue");

        await _first.Hybrid.RemoveByTagAsync("catalogue");
        await invalidated;

        var secondFactory = new CountingFactory("fresh");
        Assert.That(await _second.Hybrid.GetOrCreateAsync("product:5", secondFactory.CreateAsync, tags: tags), Is.EqualTo("fresh"));
        Assert.That(secondFactory.Runs, Is.EqualTo(1));
    }

    [Test]
    public async Task RemoveByTagAsync_of_the_wildcard_invalidates_everything_this_instance_holds()
    {
        // Only for the instance that removed: another instance, even one started afterwards, was seen to go on
        // serving the entry from the server, so these specs claim nothing for other instances.
        await _first.Hybrid.GetOrCreateAsync("product:8", new CountingFactory("tagged").CreateAsync, tags: ["catalogue"]);
        await _first.Hybrid.GetOrCreateAsync("cart:8", new CountingFactory("untagged").CreateAsync);

        await _first.Hybrid.RemoveByTagAsync("*");

        Assert.That(await _first.Hybrid.GetOrCreateAsync("product:8", new CountingFactory("tagged again").CreateAsync, tags: ["catalogue"]), Is.EqualTo("tagged again"));
        Assert.That(await _first.Hybrid.GetOrCreateAsync("cart:8", new CountingFactory("untagged again").CreateAsync), Is.EqualTo("untagged again"));
    }

    /// <summary>A value factory that counts how often HybridCache called it.</summary>
    private sealed class CountingFactory(string value)
    {
        private int _runs;

        public int Runs => _runs;

        public ValueTask<string> CreateAsync(CancellationToken cancellation)
        {
            Interlocked.Increment(ref _runs);
            return ValueTask.FromResult(value);
        }
    }
}
