using System.Threading.Channels;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Specs.Support;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.Resp;

[Category("Integration")]
[TestFixture(RedisProtocol.Resp3)]
[TestFixture(RedisProtocol.Resp2)]
public sealed class StackExchangeRedisSpecs(RedisProtocol protocol) : ReactiveTest
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);
    private RespServer _server = null!;
    private ConnectionMultiplexer _redis = null!;

    [SetUp]
    public async Task Connect()
    {
        _server = RespServer.Start(new RespOptions { NotifyKeyspaceEvents = "KEA" });
        var options = ConfigurationOptions.Parse($"127.0.0.1:{_server.Port}");
        options.Protocol = protocol;
        options.AbortOnConnectFail = true;
        var log = new StringWriter();
        _redis = await ConnectionMultiplexer.ConnectAsync(options, log);
        Assert.That(_redis.IsConnected, Is.True, log.ToString());
    }

    [TearDown]
    public async Task Disconnect()
    {
        await _redis.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Negotiates_the_protocol_it_asked_for()
    {
        var server = _redis.GetServer(_server.EndPoint);

        Assert.That(server.Protocol, Is.EqualTo(protocol));
        Assert.That(server.Version, Is.EqualTo(new Version(7, 2, 4)));
        Assert.That(await _redis.GetDatabase().PingAsync(), Is.LessThan(s_wait));
    }

    [Test]
    public async Task Connects_with_the_client_defaults_too()
    {
        await using var defaults = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_server.Port}");

        Assert.That(await defaults.GetDatabase().StringSetAsync("default-handshake", "ok"), Is.True);
        Assert.That((string?)await defaults.GetDatabase().StringGetAsync("default-handshake"), Is.EqualTo("ok"));
    }

    [Test]
    public async Task Runs_everyday_string_and_key_operations()
    {
        var db = _redis.GetDatabase();
        var binary = new byte[] { 0, 13, 10, 255, 42 };

        Assert.That(await db.StringSetAsync("k", "v"), Is.True);
        Assert.That((string?)await db.StringGetAsync("k"), Is.EqualTo("v"));
        Assert.That(await db.StringSetAsync("bin", binary), Is.True);
        Assert.That((byte[]?)await db.StringGetAsync("bin"), Is.EqualTo(binary));
        Assert.That(await db.StringIncrementAsync("n", 5), Is.EqualTo(5));
        Assert.That(await db.StringIncrementAsync("f", 1.5), Is.EqualTo(1.5));
        Assert.That(await db.StringSetAsync("t", "x", TimeSpan.FromSeconds(100)), Is.True);
        Assert.That(await db.KeyTimeToLiveAsync("t"), Is.GreaterThan(TimeSpan.FromSeconds(90)));
        Assert.That(await db.StringSetAsync("k", "w", when: When.NotExists), Is.False);
        Assert.That(await db.KeyExistsAsync("k"), Is.True);
        Assert.That(await db.KeyDeleteAsync(["k", "missing"]), Is.EqualTo(1));
        Assert.That((await db.StringGetAsync(["n", "missing"])).Select(value => (string?)value), Is.EqualTo(new[] { "5", null }));
        Assert.That(await db.KeyRenameAsync("n", "m"), Is.True);
        Assert.That((string?)await db.StringGetDeleteAsync("m"), Is.EqualTo("5"));
        Assert.That(_redis.GetServer(_server.EndPoint).Keys(pattern: "*").Select(key => (string)key!), Is.EquivalentTo(new[] { "bin", "f", "t" }));
    }

    [Test]
    public async Task Sends_a_batch_in_one_go()
    {
        var db = _redis.GetDatabase();
        var batch = db.CreateBatch();
        var sets = Enumerable.Range(0, 100).Select(i => batch.StringSetAsync($"b:{i}", i)).ToArray();
        var incr = batch.StringIncrementAsync("b:0", 10);
        var get = batch.StringGetAsync("b:99");

        batch.Execute();

        Assert.That(await Task.WhenAll(sets), Has.All.True);
        Assert.That(await incr, Is.EqualTo(10));
        Assert.That((int)await get, Is.EqualTo(99));
    }

    [Test]
    public async Task Commits_a_transaction()
    {
        var db = _redis.GetDatabase();
        var transaction = db.CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists("tx"));
        var set = transaction.StringSetAsync("tx", "1");
        var incr = transaction.StringIncrementAsync("tx");

        Assert.That(await transaction.ExecuteAsync(), Is.True);
        Assert.That(await set, Is.True);
        Assert.That(await incr, Is.EqualTo(2));
    }

    [Test]
    public async Task Delivers_published_messages()
    {
        var received = Channel.CreateUnbounded<string>();
        var subscriber = _redis.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal("news"), (_, message) => received.Writer.TryWrite(message!));

        var receivers = await subscriber.PublishAsync(RedisChannel.Literal("news"), "hello");

        Assert.That(receivers, Is.EqualTo(1));
        Assert.That(await received.Reader.ReadAsync().AsTask().WaitAsync(s_wait), Is.EqualTo("hello"));
        Assert.That((string?)await _redis.GetDatabase().StringGetAsync("after-subscribe"), Is.Null);
    }

    [Test]
    public async Task Delivers_keyspace_notifications_including_expired_when_due()
    {
        // The queue form keeps messages in order; handler callbacks may run concurrently.
        var events = await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Pattern("__keyspace@0__:watched"));

        await _redis.GetDatabase().StringSetAsync("watched", "v", TimeSpan.FromMilliseconds(300));

        Assert.That((string?)(await events.ReadAsync().AsTask().WaitAsync(s_wait)).Message, Is.EqualTo("set"));
        Assert.That((string?)(await events.ReadAsync().AsTask().WaitAsync(s_wait)).Message, Is.EqualTo("expire"));
        Assert.That((string?)(await events.ReadAsync().AsTask().WaitAsync(s_wait)).Message, Is.EqualTo("expired"));
    }

    [Test]
    public async Task Sees_writes_made_through_the_store_itself()
    {
        _server.Server.Store.Set("native", "written in process");

        Assert.That((string?)await _redis.GetDatabase().StringGetAsync("native"), Is.EqualTo("written in process"));
        await _redis.GetDatabase().StringSetAsync("from-redis", "x");
        Assert.That(_server.Server.Store.Get("from-redis"), Is.EqualTo("x"));
    }
}
