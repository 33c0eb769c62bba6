using System.Net;
using System.Net.Sockets;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Configuration;

/// <summary>
/// The console server started from a config file, from REACTIVECACHE_* variables and from a real redis.conf, checked
/// the way an operator would: CONFIG GET over a real socket and connecting to the ports each one names.
/// </summary>
[Category("Integration")]
public sealed class ConfiguredServerSpecs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private string _directory = "";

    [SetUp]
    public void MakeDirectory() => _directory = Directory.CreateTempSubdirectory("reactivecache-config-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Starts_with_what_its_config_file_says()
    {
        var (native, resp) = (FreePort(), FreePort());
        var file = Write("server.conf",
            "# a config file in redis.conf's syntax",
            $"port {native}",
            $"resp-port {resp}",
            "memcached-port 0",
            "",
            "max-clients 50",
            "timeout 30",
            "maxmemory 10mb",
            "databases 4",
            "requirepass 'two words'");

        using var server = await StartedAsync(null, "--config", file);
        await using var client = await RespCommandClient.ConnectAsync(resp);

        Assert.That(await client.AskAsync("AUTH", "two words"), Is.EqualTo(new[] { "OK" }));
        var config = await client.ConfigGetAsync("*");
        Assert.That(config["port"], Is.EqualTo(resp.ToString()));
        Assert.That(config["native-port"], Is.EqualTo(native.ToString()));
        Assert.That(config["memcached-port"], Is.EqualTo("0"));
        Assert.That(config["maxclients"], Is.EqualTo("50"));
        Assert.That(config["timeout"], Is.EqualTo("30"));
        Assert.That(config["maxmemory"], Is.EqualTo("10485760"));
        Assert.That(config["databases"], Is.EqualTo("4"));
        await using var nativeClient = await LineClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, native));
        Assert.That(await nativeClient.AskAsync("AUTH two words"), Is.EqualTo("OK"));
    }

    [Test]
    public async Task Starts_with_what_the_environment_says_and_port_0_turns_a_listener_off()
    {
        var resp = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["REACTIVECACHE_RESP_PORT"] = resp.ToString(),
            ["REACTIVECACHE_PORT"] = "0",
            ["REACTIVECACHE_MEMCACHED_PORT"] = "0",
            ["REACTIVECACHE_MAX_CLIENTS"] = "12",
            ["REACTIVECACHE_MAXMEMORY_POLICY"] = "allkeys-lru",
            ["REACTIVECACHE_CLIENT_OUTPUT_BUFFER_LIMIT"] = "pubsub 64mb 16mb 30",
        };

        using var server = await StartedAsync(environment);
        await using var client = await RespCommandClient.ConnectAsync(resp);

        var config = await client.ConfigGetAsync("*");
        Assert.That(config["maxclients"], Is.EqualTo("12"));
        Assert.That(config["maxmemory-policy"], Is.EqualTo("allkeys-lru"));
        Assert.That(config["client-output-buffer-limit"], Does.EndWith("pubsub 67108864 16777216 30"));
        Assert.That(config["native-port"], Is.EqualTo("0"));
        Assert.That(server.StandardOutput, Does.Not.Contain("NativeProtocol listening"));
    }

    [Test]
    public async Task Takes_the_command_line_over_the_environment_over_the_file()
    {
        var resp = FreePort();
        var file = Write("server.conf", "port 0", "memcached-port 0", $"resp-port {FreePort()}", "timeout 10", "max-clients 20", "databases 3");
        var environment = new Dictionary<string, string>
        {
            ["REACTIVECACHE_TIMEOUT"] = "11",
            ["REACTIVECACHE_MAX_CLIENTS"] = "21",
            ["REACTIVECACHE_RESP_PORT"] = resp.ToString(),
        };

        using var server = await StartedAsync(environment, "--config", file, "--max-clients", "22");
        await using var client = await RespCommandClient.ConnectAsync(resp);

        var config = await client.ConfigGetAsync("*");
        Assert.That((config["databases"], config["timeout"], config["maxclients"]), Is.EqualTo(("3", "11", "22")));
    }

    [Test]
    public async Task Imports_the_settings_a_stock_redis_conf_shares_and_warns_about_the_rest()
    {
        var stock = DebianPackage.Require("/etc/redis/redis.conf", "redis-server");
        var resp = FreePort();

        using var server = await StartedAsync(null, "--config-import-redis", stock, "--resp-port", resp.ToString(), "--port", "0", "--memcached-port", "0");
        await using var client = await RespCommandClient.ConnectAsync(resp);

        var config = await client.ConfigGetAsync("*");
        Assert.That((config["bind"], config["databases"], config["timeout"], config["log-level"]), Is.EqualTo(("127.0.0.1", "16", "0", "Information")));
        Assert.That(config["client-output-buffer-limit"], Is.EqualTo("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"));
        Assert.That(server.StandardOutput, Does.Contain("redis.conf:").And.Contain("'daemonize' is not a ReactiveCache setting; ignored"));
    }

    [Test]
    public async Task Imports_an_edited_redis_conf_whose_port_is_the_redis_port()
    {
        var stock = DebianPackage.Require("/etc/redis/redis.conf", "redis-server");
        var resp = FreePort();
        var copy = Path.Combine(_directory, "redis.conf");
        File.WriteAllLines(copy, [.. File.ReadAllLines(stock), $"port {resp}", "maxclients 77", "timeout 42", "maxmemory 10mb", "maxmemory-policy allkeys-lfu", "loglevel verbose"]);

        using var server = await StartedAsync(null, "--config-import-redis", copy, "--port", "0", "--memcached-port", "0");
        await using var client = await RespCommandClient.ConnectAsync(resp);

        var config = await client.ConfigGetAsync("*");
        Assert.That(
            (config["maxclients"], config["timeout"], config["maxmemory"], config["maxmemory-policy"], config["log-level"]),
            Is.EqualTo(("77", "42", "10485760", "allkeys-lfu", "Debug")));
    }

    [Test]
    public async Task Rewrites_its_config_file_so_a_restart_keeps_what_CONFIG_SET_changed()
    {
        var resp = FreePort();
        var file = Write("server.conf", "# keep this comment", "port 0", "memcached-port 0", $"resp-port {resp}", "# and this one", "max-clients 50", "timeout 5");
        using (var server = await StartedAsync(null, "--config", file))
        await using (var client = await RespCommandClient.ConnectAsync(resp))
        {
            Assert.That(await client.AskAsync("CONFIG", "SET", "maxclients", "66", "maxmemory", "5mb", "notify-keyspace-events", "KEA"), Is.EqualTo(new[] { "OK" }));

            Assert.That(await client.AskAsync("CONFIG", "REWRITE"), Is.EqualTo(new[] { "OK" }));
        }

        var lines = File.ReadAllLines(file);
        Assert.That(lines[..5], Is.EqualTo(new[] { "# keep this comment", "port 0", "memcached-port 0", $"resp-port {resp}", "# and this one" }));
        Assert.That(lines, Does.Contain("max-clients 66").And.Contain("timeout 5").And.Contain("maxmemory 5mb").And.Contain("notify-keyspace-events AKE"));
        using var restarted = await StartedAsync(null, "--config", file);
        await using var again = await RespCommandClient.ConnectAsync(resp);
        var config = await again.ConfigGetAsync("*");
        Assert.That((config["maxclients"], config["maxmemory"], config["notify-keyspace-events"]), Is.EqualTo(("66", "5242880", "AKE")));
    }

    [Test]
    public async Task Refuses_a_bad_file_line_naming_the_file_and_line_with_exit_code_2()
    {
        var file = Write("bad.conf", "# fine", "port 0", "maxclients 10");

        using var server = ServerProcess.StartConfigured(null, "--config", file);

        Assert.That(await server.ExitCodeAsync(s_timeout), Is.EqualTo(2));
        Assert.That(server.StandardError, Does.Contain($"error: {file}:3: unknown directive 'maxclients'").And.Not.Contain("   at "));
    }

    [Test]
    public async Task Refuses_a_config_file_that_does_not_exist_with_exit_code_2()
    {
        using var server = ServerProcess.StartConfigured(null, "--config", Path.Combine(_directory, "missing.conf"));

        Assert.That(await server.ExitCodeAsync(s_timeout), Is.EqualTo(2));
        Assert.That(server.StandardError, Does.Contain("missing.conf': no such file"));
    }

    private async Task<ServerProcess> StartedAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var server = ServerProcess.StartConfigured(environment, arguments);
        try
        {
            await server.Ready.WaitAsync(s_timeout);
            return server;
        }
        catch (TimeoutException)
        {
            server.Dispose();
            throw new AssertionException($"the server did not start: {server.StandardError}{server.StandardOutput}");
        }
    }

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
