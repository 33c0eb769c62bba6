using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration;

/// <summary>One password for the Redis, native and memcached ports, over real sockets on 127.0.0.1.</summary>
[Category("Integration")]
public sealed class OnePasswordSpecs
{
    private CacheServer _server = null!;

    [SetUp]
    public void StartServer() =>
        _server = CacheServer.Start(new CacheServerOptions { Port = 0, MemcachedPort = 0, RespPort = 0, RequirePass = "secret" });

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Every_port_asks_for_the_password_before_serving_database_0()
    {
        _server.Store.Set("k", "v");
        await using var native = await LineClient.ConnectAsync(_server.NativeEndPoint!);
        await using var memcached = await LineClient.ConnectAsync(_server.MemcachedEndPoint!);
        await using var redis = await LineClient.ConnectAsync(_server.RespEndPoint!);

        var refused = new[] { await native.AskAsync("GET k"), await memcached.AskAsync("get k"), await redis.AskAsync("GET k") };
        await native.SendLinesAsync("AUTH secret", "GET k");
        await memcached.SendLinesAsync("set auth 0 0 14", "default secret", "get k");
        await redis.SendLinesAsync("AUTH secret", "GET k");

        Assert.That(refused, Is.EqualTo(new[] { "ERR NOAUTH Authentication required.", "CLIENT_ERROR unauthenticated", "-NOAUTH Authentication required." }));
        Assert.That(await native.ReadLinesAsync(2), Is.EqualTo(new[] { "OK", "VALUE v" }));
        Assert.That(await memcached.ReadLinesAsync(4), Is.EqualTo(new[] { "STORED", "VALUE k 0 1", "v", "END" }));
        Assert.That(await redis.ReadLinesAsync(3), Is.EqualTo(new[] { "+OK", "$1", "v" }));
    }

    [Test]
    public async Task CONFIG_SET_requirepass_changes_the_password_of_every_port()
    {
        await using (var admin = await LineClient.ConnectAsync(_server.RespEndPoint!))
        {
            await admin.SendLinesAsync("AUTH secret", "CONFIG SET requirepass changed", "CONFIG GET requirepass");
            Assert.That(await admin.ReadLinesAsync(7), Is.EqualTo(new[] { "+OK", "+OK", "*2", "$11", "requirepass", "$7", "changed" }));
        }

        await using var native = await LineClient.ConnectAsync(_server.NativeEndPoint!);
        await using var memcached = await LineClient.ConnectAsync(_server.MemcachedEndPoint!);
        await native.SendLinesAsync("AUTH secret", "AUTH changed", "PING");
        await memcached.SendLinesAsync("set a 0 0 14", "default secret", "set a 0 0 15", "default changed", "version");

        Assert.That(await native.ReadLinesAsync(3), Is.EqualTo(new[] { "ERR WRONGPASS invalid password", "OK", "PONG" }));
        Assert.That(await memcached.ReadLinesAsync(3), Is.EqualTo(new[] { "CLIENT_ERROR authentication failure", "STORED", "VERSION 1.6.21-reactivecache" }));
    }

    [Test]
    public async Task Without_a_password_protected_mode_still_serves_loopback_clients_and_CONFIG_reports_it()
    {
        await using var noPassword = CacheServer.Start(new CacheServerOptions { Port = 0, MemcachedPort = 0, RespPort = 0 });
        await using var native = await LineClient.ConnectAsync(noPassword.NativeEndPoint!);
        await using var memcached = await LineClient.ConnectAsync(noPassword.MemcachedEndPoint!);
        await using var redis = await LineClient.ConnectAsync(noPassword.RespEndPoint!);

        await redis.SendLinesAsync("CONFIG GET protected-mode", "CONFIG SET protected-mode maybe", "CONFIG SET protected-mode no", "CONFIG GET protected-mode");

        Assert.That(await native.AskAsync("PING"), Is.EqualTo("PONG"));
        Assert.That(await memcached.AskAsync("version"), Is.EqualTo("VERSION 1.6.21-reactivecache"));
        Assert.That(await redis.ReadLinesAsync(7), Is.EqualTo(new[]
        {
            "*2", "$14", "protected-mode", "$3", "yes",
            "-ERR CONFIG SET failed (possibly related to argument 'protected-mode') - argument must be 'yes' or 'no'", "+OK",
        }));
        Assert.That(await redis.ReadLinesAsync(5), Is.EqualTo(new[] { "*2", "$14", "protected-mode", "$2", "no" }));
        Assert.That(noPassword.Access.ProtectedMode, Is.False);
    }
}
