using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Hosting.Settings;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Configuration;

/// <summary>CONFIG GET/SET/REWRITE over a real socket against an in-process server: every setting of the table, by its CONFIG name.</summary>
[Category("Integration")]
public sealed class ConfigOverRespSpecs
{
    private CacheServer _server = null!;

    [SetUp]
    public void StartServer() => _server = CacheServer.Start(new CacheServerOptions { Port = null, MemcachedPort = null, RespPort = 0 });

    [TearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    [Test]
    public async Task Lists_every_setting_of_the_table_in_CONFIG_GET_star()
    {
        await using var client = await ConnectAsync();

        var config = await client.ConfigGetAsync("*");

        Assert.That(config.Keys, Is.SupersetOf(ServerSettings.All.Select(setting => setting.ConfigName)));
        Assert.That(config.Keys, Is.SupersetOf(new[] { "save", "appendonly", "hash-max-listpack-entries", "lazyfree-lazy-user-del" }));
        Assert.That((config["native-port"], config["max-line-length"], config["replay-buffer-bytes"]), Is.EqualTo(("0", "65536", "64mb")));
    }

    [Test]
    public async Task Sets_every_live_setting_and_refuses_the_others_as_immutable()
    {
        await using var client = await ConnectAsync();
        var config = await client.ConfigGetAsync("*");

        foreach (var setting in ServerSettings.All)
        {
            var reply = await client.AskAsync("CONFIG", "SET", setting.ConfigName, config[setting.ConfigName]);

            var expected = setting.Live
                ? "OK"
                : $"-ERR CONFIG SET failed (possibly related to argument '{setting.ConfigName}') - can't set immutable config";
            Assert.That(reply, Is.EqualTo(new[] { expected }), setting.Name);
        }
    }

    [Test]
    public async Task Answers_CONFIG_REWRITE_without_a_config_file_with_the_redis_error()
    {
        await using var client = await ConnectAsync();

        Assert.That(await client.AskAsync("CONFIG", "REWRITE"), Is.EqualTo(new[] { "-ERR The server is running without a config file" }));
    }

    [Test]
    public async Task Refuses_the_next_client_once_CONFIG_SET_maxclients_lowers_the_limit()
    {
        await using var client = await ConnectAsync();
        Assert.That(await client.AskAsync("CONFIG", "SET", "maxclients", "1"), Is.EqualTo(new[] { "OK" }));

        await using var refused = await ConnectAsync();

        Assert.That(await refused.AskAsync("PING"), Is.EqualTo(new[] { "-ERR max number of clients reached" }));
    }

    [Test]
    public async Task Refuses_writes_past_a_maxmemory_that_CONFIG_SET_lowered()
    {
        await using var client = await ConnectAsync();
        Assert.That(await client.AskAsync("CONFIG", "SET", "maxmemory", "1mb"), Is.EqualTo(new[] { "OK" }));

        // As in Redis, the check comes before a write: the write that crosses the limit lands, the next is refused.
        Assert.That(await client.AskAsync("SET", "big", new string('x', 2 * 1024 * 1024)), Is.EqualTo(new[] { "OK" }));

        var reply = await client.AskAsync("SET", "small", "x");

        Assert.That(reply[0], Does.StartWith("-OOM"));
    }

    [Test]
    public async Task Closes_an_idle_client_once_CONFIG_SET_timeout_gives_one()
    {
        await using var client = await ConnectAsync();
        Assert.That(await client.AskAsync("CONFIG", "SET", "timeout", "1"), Is.EqualTo(new[] { "OK" }));

        var closed = await client.ClosedByServerAsync();

        Assert.That(closed, Is.True);
    }

    [Test]
    public async Task Refuses_a_request_with_more_arguments_than_a_lowered_max_multibulk_length()
    {
        await using var client = await ConnectAsync();
        Assert.That(await client.AskAsync("CONFIG", "SET", "max-multibulk-length", "2"), Is.EqualTo(new[] { "OK" }));

        var reply = await client.AskAsync("SET", "k", "v");

        Assert.That(reply[0], Does.StartWith("-ERR Protocol error"));
    }

    private Task<RespCommandClient> ConnectAsync() => RespCommandClient.ConnectAsync(_server.RespEndPoint!.Port);
}
