using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Hosting;

namespace ReactiveCache.Specs.Hosting;

/// <summary>
/// The in-process IDistributedCache on the store's virtual clock: the expirations of
/// Microsoft.Extensions.Caching.Memory's distributed cache (absolute, relative, sliding capped by absolute).
/// </summary>
public sealed class CacheStoreDistributedCacheSpecs
{
    private TestScheduler _clock = null!;
    private CacheStore _store = null!;
    private CacheStoreDistributedCache _cache = null!;

    [SetUp]
    public void Create()
    {
        _clock = new TestScheduler();
        _clock.AdvanceTo(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).UtcTicks);
        _store = new CacheStore(scheduler: _clock);
        _cache = new CacheStoreDistributedCache(_store);
    }

    [TearDown]
    public void Dispose() => _store.Dispose();

    [Test]
    public async Task Sets_gets_and_removes_bytes_synchronously_and_asynchronously()
    {
        var bytes = new byte[] { 0, 13, 10, 255 };

        _cache.Set("bytes", bytes, new DistributedCacheEntryOptions());
        await _cache.SetStringAsync("text", "héllo");

        Assert.That(_cache.Get("bytes"), Is.EqualTo(bytes));
        Assert.That(await _cache.GetStringAsync("text"), Is.EqualTo("héllo"));
        Assert.That(_cache.Get("missing"), Is.Null);

        _cache.Remove("bytes");
        await _cache.RemoveAsync("text");

        Assert.That(_cache.Get("bytes"), Is.Null);
        Assert.That(await _cache.GetAsync("text"), Is.Null);
        Assert.That(_store.Count, Is.Zero);
    }

    [Test]
    public void A_set_replaces_the_value_and_the_expiry_the_key_had()
    {
        _cache.SetString("k", "first", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(5) });
        _cache.SetString("k", "second");

        _clock.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);

        Assert.That(_cache.GetString("k"), Is.EqualTo("second"));
        Assert.That(_store.TimeToLive("k"), Is.Null);
    }

    [Test]
    public void An_entry_expires_at_its_absolute_time_however_often_it_is_read()
    {
        _cache.SetString("k", "v", new DistributedCacheEntryOptions { AbsoluteExpiration = _clock.Now + TimeSpan.FromSeconds(10) });

        _clock.AdvanceBy(TimeSpan.FromSeconds(9).Ticks);
        Assert.That(_cache.GetString("k"), Is.EqualTo("v"));

        _clock.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        Assert.That(_cache.GetString("k"), Is.Null);
    }

    [Test]
    public void A_relative_expiration_counts_from_the_set()
    {
        _cache.SetString("k", "v", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(3) });

        _clock.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);
        Assert.That(_cache.GetString("k"), Is.EqualTo("v"));
        Assert.That(_store.TimeToLive("k"), Is.EqualTo(TimeSpan.FromSeconds(1)));

        _clock.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        Assert.That(_store.Count, Is.Zero, "expired by the store's timer, unread");
    }

    [Test]
    public void A_sliding_entry_lives_while_it_is_read_or_refreshed_within_its_window()
    {
        _cache.SetString("k", "v", new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromSeconds(10) });

        for (var read = 0; read < 5; read++)
        {
            _clock.AdvanceBy(TimeSpan.FromSeconds(8).Ticks);
            Assert.That(_cache.GetString("k"), Is.EqualTo("v"), $"read {read}");
        }

        _clock.AdvanceBy(TimeSpan.FromSeconds(8).Ticks);
        _cache.Refresh("k");
        _clock.AdvanceBy(TimeSpan.FromSeconds(8).Ticks);
        Assert.That(_cache.GetString("k"), Is.EqualTo("v"), "Refresh slid it too");

        _clock.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);
        Assert.That(_cache.GetString("k"), Is.Null);
    }

    [Test]
    public async Task Sliding_never_outlives_the_absolute_expiration()
    {
        _cache.SetString("k", "v", new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromSeconds(10),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(15),
        });

        _clock.AdvanceBy(TimeSpan.FromSeconds(8).Ticks);
        await _cache.RefreshAsync("k");
        Assert.That(_store.TimeToLive("k"), Is.EqualTo(TimeSpan.FromSeconds(7)), "capped at the absolute time, not 10 s");

        _clock.AdvanceBy(TimeSpan.FromSeconds(7).Ticks);
        Assert.That(_cache.GetString("k"), Is.Null);
    }

    [Test]
    public void An_absolute_expiration_already_past_is_refused_as_the_memory_cache_refuses_it()
    {
        var past = new DistributedCacheEntryOptions { AbsoluteExpiration = _clock.Now - TimeSpan.FromSeconds(1) };

        Assert.That(() => _cache.SetString("k", "v", past), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(_store.Count, Is.Zero);
    }

    [Test]
    public void An_entry_is_the_hash_the_stock_redis_cache_writes()
    {
        _cache.Set("k", Encoding.UTF8.GetBytes("v"), new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(1) });

        var fields = _store.GetFields("k");

        Assert.That(fields["data"], Is.EqualTo("v"));
        Assert.That(fields["sldexp"], Is.EqualTo(TimeSpan.FromMinutes(1).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(fields["absexp"], Is.EqualTo("-1"));
        Assert.That(_store.TimeToLive("k"), Is.EqualTo(TimeSpan.FromMinutes(1)));
    }

    [Test]
    public void AddReactiveCache_registers_this_cache_over_the_one_store_on_the_clock_it_is_given()
    {
        var services = new ServiceCollection();
        services.AddReactiveCache(options =>
        {
            options.Scheduler = _clock;
            options.Server = new CacheServerOptions { Port = null, RespPort = null, MemcachedPort = null };
        });
        using var provider = services.BuildServiceProvider();
        var cache = provider.GetRequiredService<IDistributedCache>();
        var store = provider.GetRequiredService<CacheStore>();

        cache.SetString("k", "v", new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromSeconds(10) });
        _clock.AdvanceBy(TimeSpan.FromSeconds(9).Ticks);
        Assert.That(cache.GetString("k"), Is.EqualTo("v"));
        _clock.AdvanceBy(TimeSpan.FromSeconds(9).Ticks);

        Assert.That(cache, Is.InstanceOf<CacheStoreDistributedCache>());
        Assert.That(store.GetField("k", "data"), Is.EqualTo("v"), "slid by the read, on the virtual clock");
        Assert.That(store.Scheduler, Is.SameAs(_clock));
    }
}
