using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.Caching;

/// <summary>
/// IDistributedCache from Microsoft.Extensions.Caching.StackExchangeRedis, stock, given only the connection string.
/// It keeps each entry as a hash (fields <c>absexp</c>, <c>sldexp</c>, <c>data</c>) with the key's TTL as the expiry.
/// </summary>
[Category("Integration")]
public sealed class DistributedCacheSpecs : ReactiveTest
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private RedisTarget _target = null!;
    private CacheApp _app = null!;
    private ConnectionMultiplexer _raw = null!;

    [SetUp]
    public async Task Start()
    {
        _target = await RedisTarget.StartAsync();
        _app = CacheApp.Start(_target);
        _raw = await _target.ConnectAsync();
    }

    [TearDown]
    public async Task Stop()
    {
        await _raw.DisposeAsync();
        await _app.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Test]
    public async Task Sets_and_gets_bytes_and_strings()
    {
        var bytes = new byte[] { 0, 13, 10, 255 };

        await _app.Distributed.SetAsync("bytes", bytes, new DistributedCacheEntryOptions());
        await _app.Distributed.SetStringAsync("text", "héllo");

        Assert.That(await _app.Distributed.GetAsync("bytes"), Is.EqualTo(bytes));
        Assert.That(await _app.Distributed.GetStringAsync("text"), Is.EqualTo("héllo"));
        Assert.That(_app.Distributed.GetString("text"), Is.EqualTo("héllo"));
        Assert.That(await _app.Distributed.GetStringAsync("missing"), Is.Null);
        Assert.That(await _raw.GetDatabase().KeyTypeAsync(CacheApp.InstanceName + "text"), Is.EqualTo(RedisType.Hash));
    }

    [Test]
    public async Task A_second_app_instance_reads_what_the_first_wrote()
    {
        await using var second = CacheApp.Start(_target);

        await _app.Distributed.SetStringAsync("greeting", "from the first instance");

        Assert.That(await second.Distributed.GetStringAsync("greeting"), Is.EqualTo("from the first instance"));
    }

    [Test]
    public async Task An_entry_is_gone_once_its_absolute_expiry_passes()
    {
        var key = CacheApp.InstanceName + "soon";
        var events = await _raw.GetSubscriber().SubscribeAsync(RedisChannel.Literal($"__keyspace@0__:{key}"));

        // The package sends the expiry in whole seconds (EXPIRE), so one second is the shortest that keeps the entry.
        await _app.Distributed.SetStringAsync("soon", "v", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(1) });

        Assert.That(await _raw.GetDatabase().KeyTimeToLiveAsync(key), Is.Not.Null.And.InRange(TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1)));
        Assert.That(await NextEventAsync(events, "expired"), Is.EqualTo("expired"));
        Assert.That(await _app.Distributed.GetStringAsync("soon"), Is.Null);
    }

    [Test]
    public async Task An_expiry_under_a_second_is_never_served()
    {
        // EXPIRE key 0: Redis deletes the key at once.
        await _app.Distributed.SetStringAsync("instant", "v", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMilliseconds(300) });

        Assert.That(await _app.Distributed.GetStringAsync("instant"), Is.Null);
        Assert.That(await _raw.GetDatabase().KeyExistsAsync(CacheApp.InstanceName + "instant"), Is.False);
    }

    [Test]
    public async Task Refresh_resets_a_sliding_expiration()
    {
        var key = CacheApp.InstanceName + "session";
        var db = _raw.GetDatabase();
        await _app.Distributed.SetStringAsync("session", "v", new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(20) });
        Assert.That(await db.KeyTimeToLiveAsync(key), Is.GreaterThan(TimeSpan.FromMinutes(19)));
        // Stands in for time passing: the key now has ten seconds left, as it would after nineteen idle minutes.
        await db.KeyExpireAsync(key, TimeSpan.FromSeconds(10));

        await _app.Distributed.RefreshAsync("session");

        Assert.That(await db.KeyTimeToLiveAsync(key), Is.GreaterThan(TimeSpan.FromMinutes(19)));
        await db.KeyExpireAsync(key, TimeSpan.FromSeconds(10));
        Assert.That(await _app.Distributed.GetStringAsync("session"), Is.EqualTo("v"));
        Assert.That(await db.KeyTimeToLiveAsync(key), Is.GreaterThan(TimeSpan.FromMinutes(19)), "a read slides the expiry too");
    }

    [Test]
    public async Task Refresh_does_not_slide_past_the_absolute_expiry()
    {
        var key = CacheApp.InstanceName + "capped";
        await _app.Distributed.SetStringAsync("capped", "v", new DistributedCacheEntryOptions
        {
            SlidingExpiration = TimeSpan.FromMinutes(20),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5),
        });

        await _app.Distributed.RefreshAsync("capped");

        Assert.That(await _raw.GetDatabase().KeyTimeToLiveAsync(key), Is.LessThanOrEqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public async Task Remove_deletes_the_entry_for_every_instance()
    {
        await using var second = CacheApp.Start(_target);
        await _app.Distributed.SetStringAsync("gone", "v");

        await second.Distributed.RemoveAsync("gone");

        Assert.That(await _app.Distributed.GetStringAsync("gone"), Is.Null);
        Assert.That(await _raw.GetDatabase().KeyExistsAsync(CacheApp.InstanceName + "gone"), Is.False);
    }

    private static async Task<string> NextEventAsync(ChannelMessageQueue events, string wanted)
    {
        while (true)
        {
            var message = (string?)(await events.ReadAsync().AsTask().WaitAsync(s_wait)).Message;
            if (message == wanted)
            {
                return message;
            }
        }
    }
}
