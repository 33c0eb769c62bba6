using System.Text.RegularExpressions;
using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Specs.Support;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>INFO's figures, SLOWLOG, LATENCY and MEMORY over real sockets, with StackExchange.Redis as the client.</summary>
[Category("Integration")]
public sealed class IntrospectionSocketSpecs
{
    private RespServer _server = null!;
    private ConnectionMultiplexer _multiplexer = null!;
    private IDatabase _db = null!;

    [SetUp]
    public async Task Start()
    {
        _server = RespServer.Start();
        _multiplexer = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_server.Port},allowAdmin=true,protocol=resp2");
        _db = _multiplexer.GetDatabase();
    }

    [TearDown]
    public async Task Stop()
    {
        await _multiplexer.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Counts_keyspace_hits_and_misses_where_read_commands_look_keys_up()
    {
        await _db.StringSetAsync("present", "value");
        var before = await Info("stats");

        await _db.StringGetAsync("present");
        await _db.StringGetAsync("present");
        await _db.StringGetAsync("absent");
        await _db.StringSetAsync("written", "by a write, which is not counted");
        _server.Server.Store.Get("present");
        var transaction = _db.CreateTransaction();
        _ = transaction.StringGetAsync("present");
        await transaction.ExecuteAsync();
        var after = await Info("stats");

        // Two GETs and the one EXEC ran; the in-process read is not a Redis command.
        Assert.That(Field(after, "keyspace_hits") - Field(before, "keyspace_hits"), Is.EqualTo(3), after);
        Assert.That(Field(after, "keyspace_misses") - Field(before, "keyspace_misses"), Is.EqualTo(1), after);
    }

    [Test]
    public async Task Times_every_command_and_keeps_its_latency_percentiles()
    {
        for (var i = 0; i < 100; i++)
        {
            await _db.StringSetAsync($"key:{i}", "value");
        }

        var commandStats = await Info("commandstats");
        var latency = await Info("latencystats");

        var set = Regex.Match(commandStats, @"(?m)^cmdstat_set:calls=(\d+),usec=(\d+),usec_per_call=(\d+\.\d\d),rejected_calls=0,failed_calls=0\r$");
        Assert.That(set.Success, commandStats);
        Assert.That(long.Parse(set.Groups[1].Value), Is.EqualTo(100));
        Assert.That(long.Parse(set.Groups[2].Value), Is.Positive, "100 SETs took no microsecond at all");
        Assert.That(latency, Does.Match(@"(?m)^latency_percentiles_usec_set:p50=\d+\.\d{3},p99=\d+\.\d{3},p99\.9=\d+\.\d{3}\r$"));
    }

    [Test]
    public async Task Counts_errors_by_prefix_and_in_all()
    {
        await _db.ListRightPushAsync("list", "element");
        await _db.ExecuteAsync("CONFIG", "RESETSTAT");

        Assert.That(async () => await _db.StringGetAsync("list"), Throws.TypeOf<RedisServerException>());
        Assert.That(async () => await _db.ExecuteAsync("NOSUCHCOMMAND"), Throws.TypeOf<RedisServerException>());
        var errors = await Info("errorstats");
        var stats = await Info("stats");
        var commands = await Info("commandstats");

        Assert.That(errors, Does.Contain("errorstat_WRONGTYPE:count=1\r\n"));
        Assert.That(errors, Does.Contain("errorstat_ERR:count=1\r\n"));
        Assert.That(Field(stats, "total_error_replies"), Is.EqualTo(2));
        Assert.That(commands, Does.Match(@"(?m)^cmdstat_get:calls=1,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,failed_calls=1\r$"));
    }

    [Test]
    public async Task Counts_keys_with_a_time_to_live_in_the_keyspace_section()
    {
        await _db.StringSetAsync("lasting", "value");
        await _db.StringSetAsync("brief", "value", TimeSpan.FromSeconds(100));

        var keyspace = await Info("keyspace");

        Assert.That(keyspace, Does.Match(@"(?m)^db0:keys=2,expires=1,avg_ttl=\d+\r$"), keyspace);
        var ttl = long.Parse(Regex.Match(keyspace, @"avg_ttl=(\d+)").Groups[1].Value);
        Assert.That(ttl, Is.InRange(1, 100_000));
    }

    [Test]
    public async Task Answers_sections_in_Redis_order_and_the_all_and_everything_sets()
    {
        var two = await Info("clients", "server");
        var defaults = await Info();
        var everything = await Info("everything");

        Assert.That(Titles(two), Is.EqualTo(new[] { "Server", "Clients" }));
        Assert.That(Titles(defaults), Is.EqualTo(new[] { "Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules", "Errorstats", "Cluster", "Keyspace" }));
        Assert.That(Titles(everything), Is.EqualTo(new[] { "Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules", "Commandstats", "Errorstats", "Latencystats", "Cluster", "Keyspace" }));
        Assert.That(Field(two, "process_id"), Is.EqualTo(Environment.ProcessId));
        Assert.That(Field(two, "tcp_port"), Is.EqualTo(_server.Port));
        Assert.That(Field(two, "connected_clients"), Is.Positive);
    }

    [Test]
    public async Task Resets_the_counters_on_CONFIG_RESETSTAT()
    {
        await _db.StringGetAsync("absent");
        Assert.That(async () => await _db.ExecuteAsync("NOSUCHCOMMAND"), Throws.TypeOf<RedisServerException>());

        await _db.ExecuteAsync("CONFIG", "RESETSTAT");
        var stats = await Info("stats");
        var errors = await Info("errorstats");

        Assert.That(Field(stats, "keyspace_misses"), Is.Zero);
        Assert.That(Field(stats, "total_error_replies"), Is.Zero);
        Assert.That(errors, Is.EqualTo("# Errorstats\r\n"));
    }

    [Test]
    public async Task Logs_every_command_with_threshold_0_and_trims_long_ones()
    {
        await _db.ExecuteAsync("CONFIG", "SET", "slowlog-log-slower-than", "0");
        await _db.ExecuteAsync("SLOWLOG", "RESET");
        var members = Enumerable.Range(3, 31).Select(number => (object)number.ToString()).ToArray();

        await _db.ExecuteAsync("SADD", ["set", .. members]);
        await _db.ExecuteAsync("SADD", "set", "foo", new string('A', 129));
        var entries = (RedisResult[])(await _db.ExecuteAsync("SLOWLOG", "GET", "-1"))!;
        var manyArguments = (RedisResult[])entries[1][3]!;
        var longArgument = (RedisResult[])entries[0][3]!;

        Assert.That(manyArguments, Has.Length.EqualTo(32));
        Assert.That((string?)manyArguments[31], Is.EqualTo("... (2 more arguments)"));
        Assert.That((string?)longArgument[3], Is.EqualTo(new string('A', 128) + "... (1 more bytes)"));
        Assert.That((long)entries[0][0], Is.GreaterThan((long)entries[1][0]), "newest first");
        Assert.That((string?)entries[0][4], Does.StartWith("127.0.0.1:"));
        Assert.That((long)(await _db.ExecuteAsync("SLOWLOG", "LEN")), Is.EqualTo(entries.Length + 1), "SLOWLOG GET is logged too");
    }

    [Test]
    public async Task Keeps_slowlog_max_len_entries_and_forgets_them_on_RESET()
    {
        await _db.ExecuteAsync("CONFIG", "SET", "slowlog-log-slower-than", "0");
        await _db.ExecuteAsync("CONFIG", "SET", "slowlog-max-len", "10");
        for (var i = 0; i < 100; i++)
        {
            await _db.PingAsync();
        }

        var kept = (long)(await _db.ExecuteAsync("SLOWLOG", "LEN"));
        var five = (RedisResult[])(await _db.ExecuteAsync("SLOWLOG", "GET", "5"))!;
        await _db.ExecuteAsync("CONFIG", "SET", "slowlog-log-slower-than", "-1");
        await _db.ExecuteAsync("SLOWLOG", "RESET");

        Assert.That(kept, Is.EqualTo(10));
        Assert.That(five, Has.Length.EqualTo(5));
        Assert.That((long)(await _db.ExecuteAsync("SLOWLOG", "LEN")), Is.Zero);
        Assert.That(async () => await _db.ExecuteAsync("SLOWLOG", "GET", "-2"),
            Throws.TypeOf<RedisServerException>().With.Message.EqualTo("ERR count should be greater than or equal to -1"));
    }

    [Test]
    public async Task Reads_and_changes_the_introspection_settings_with_CONFIG()
    {
        await _db.ExecuteAsync("CONFIG", "SET", "latency-monitor-threshold", "100", "slowlog-max-len", "7");

        var settings = (RedisResult[])(await _db.ExecuteAsync("CONFIG", "GET", "*slow*"))!;
        var threshold = (RedisResult[])(await _db.ExecuteAsync("CONFIG", "GET", "latency-monitor-threshold"))!;

        Assert.That(settings.Select(item => (string?)item), Is.EquivalentTo(new[] { "slowlog-log-slower-than", "10000", "slowlog-max-len", "7" }));
        Assert.That((string?)threshold[1], Is.EqualTo("100"));
        Assert.That(async () => await _db.ExecuteAsync("CONFIG", "SET", "latency-monitor-threshold", "-1"),
            Throws.TypeOf<RedisServerException>().With.Message.StartsWith("ERR CONFIG SET failed (possibly related to argument 'latency-monitor-threshold')"));
    }

    [Test]
    public async Task Answers_the_latency_monitor_commands()
    {
        await _db.ExecuteAsync("CONFIG", "SET", "latency-monitor-threshold", "200");
        await _db.StringSetAsync("a", "b");

        var latest = (RedisResult[])(await _db.ExecuteAsync("LATENCY", "LATEST"))!;
        var history = (RedisResult[])(await _db.ExecuteAsync("LATENCY", "HISTORY", "command"))!;
        var resets = (long)(await _db.ExecuteAsync("LATENCY", "RESET", "nothing"));
        var doctor = (string?)(await _db.ExecuteAsync("LATENCY", "DOCTOR"));
        var histogram = (RedisResult[])(await _db.ExecuteAsync("LATENCY", "HISTOGRAM", "set", "nosuchcommand"))!;

        Assert.That(latest, Is.Empty, "SET a b took 200 ms?");
        Assert.That(history, Is.Empty);
        Assert.That(resets, Is.Zero);
        Assert.That(doctor, Is.Not.Empty);
        Assert.That((string?)histogram[0], Is.EqualTo("set"));
        Assert.That(((RedisResult[])histogram[1]!).Select(item => item.ToString()).Take(2), Is.EqualTo(new[] { "calls", "1" }));
        Assert.That(async () => await _db.ExecuteAsync("LATENCY", "HELP", "xxx"),
            Throws.TypeOf<RedisServerException>().With.Message.EqualTo("ERR wrong number of arguments for 'latency|help' command"));
    }

    [Test]
    public async Task Estimates_memory_usage_from_the_stores_accounting()
    {
        await _db.StringSetAsync("small", "x");
        await _db.StringSetAsync("large", new string('x', 10_000));

        var small = (long)(await _db.ExecuteAsync("MEMORY", "USAGE", "small"));
        var large = (long)(await _db.ExecuteAsync("MEMORY", "USAGE", "large", "SAMPLES", "0"));
        var stats = ((RedisResult[])(await _db.ExecuteAsync("MEMORY", "STATS"))!).Select(item => item.ToString()).ToArray();
        var used = Field(await Info("memory"), "used_memory");

        Assert.That(large - small, Is.GreaterThanOrEqualTo(10_000 - 8));
        Assert.That(stats[Array.IndexOf(stats, "keys.count") + 1], Is.EqualTo("2"));
        Assert.That(stats[Array.IndexOf(stats, "total.allocated") + 1], Is.EqualTo(used.ToString()));
        Assert.That(used, Is.EqualTo(small + large));
        Assert.That((string?)(await _db.ExecuteAsync("MEMORY", "DOCTOR")), Is.Not.Empty);
        Assert.That((string?)(await _db.ExecuteAsync("MEMORY", "PURGE")), Is.EqualTo("OK"));
        Assert.That(((RedisResult[])(await _db.ExecuteAsync("MEMORY", "HELP"))!).Length, Is.GreaterThan(3));
    }

    private async Task<string> Info(params object[] sections) => (string)(await _db.ExecuteAsync("INFO", sections))!;

    private static long Field(string info, string name) =>
        long.Parse(Regex.Match(info, $@"(?m)^{name}:(-?\d+)\r$") is { Success: true } match ? match.Groups[1].Value : throw new AssertionException($"no {name} in\n{info}"));

    private static string[] Titles(string info) => Regex.Matches(info, @"(?m)^# (\w+)\r$").Select(match => match.Groups[1].Value).ToArray();
}
