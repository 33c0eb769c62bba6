using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Networking;

namespace ReactiveCache.Specs.Hosting;

public sealed class ServerCommandLineSpecs
{
    [TestCase("--port", "abc")]
    [TestCase("--port", "")]
    [TestCase("--port", "-1")]
    [TestCase("--port", "65536")]
    [TestCase("--port", "99999999999999999999")]
    [TestCase("--resp-port", "6379x")]
    [TestCase("--memcached-port", "1e3")]
    [TestCase("--max-clients", "0")]
    [TestCase("--max-clients", "2147483648")]
    [TestCase("--max-item-size", "-5")]
    [TestCase("--max-line-length", " ")]
    [TestCase("--databases", "0")]
    [TestCase("--databases", "2147483647")]
    [TestCase("--replay-buffer-size", "-1")]
    [TestCase("--timeout", "-1")]
    [TestCase("--timeout", "ten")]
    [TestCase("--maxmemory-clients", "-1gb")]
    [TestCase("--maxmemory-clients", "10%")]
    [TestCase("--maxmemory-clients", "")]
    [TestCase("--client-output-buffer-limit", "pubsub 32mb 8mb")]
    [TestCase("--client-output-buffer-limit", "master 1 1 1")]
    [TestCase("--client-output-buffer-limit", "")]
    [TestCase("--maxmemory", "-1")]
    [TestCase("--maxmemory", "64 megabytes")]
    [TestCase("--maxmemory", "1.5gb")]
    [TestCase("--maxmemory", "99999999999gb")]
    [TestCase("--maxmemory-policy", "lru")]
    [TestCase("--maxmemory-policy", "")]
    [TestCase("--maxmemory-samples", "0")]
    [TestCase("--maxmemory-samples", "65")]
    [TestCase("--lfu-log-factor", "-1")]
    [TestCase("--lfu-decay-time", "soon")]
    [TestCase("--replay-buffer-bytes", "-64mb")]
    [TestCase("--bind", "localhost")]
    [TestCase("--log-level", "Loud")]
    public void Refuses_a_bad_value_as_a_usage_error(string option, string value)
    {
        var parsed = new ServerCommandLine().TryParse([option, value], out _, out _, out var exitCode);

        Assert.That(parsed, Is.False);
        Assert.That(exitCode, Is.EqualTo(2));
    }

    [Test]
    public void Reads_the_connection_limits_in_redis_syntax()
    {
        var args = new[]
        {
            "--timeout", "300", "--maxmemory-clients", "512mb",
            "--client-output-buffer-limit", "normal 0 0 0", "--client-output-buffer-limit", "pubsub", "64mb", "16mb", "30",
        };

        var parsed = new ServerCommandLine().TryParse(args, out var options, out _, out _);

        Assert.That(parsed, Is.True);
        Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(300)));
        Assert.That(options.MaxMemoryClients, Is.EqualTo(512L * 1024 * 1024));
        Assert.That(options.ClientOutputBufferLimits, Is.EqualTo(ClientOutputBufferLimits.Default with
        {
            Normal = OutputBufferLimit.Unlimited,
            PubSub = new OutputBufferLimit(64L * 1024 * 1024, 16L * 1024 * 1024, TimeSpan.FromSeconds(30)),
        }));
    }

    [Test]
    public void Defaults_to_no_idle_timeout_and_bounded_buffers()
    {
        var parsed = new ServerCommandLine().TryParse([], out var options, out _, out _);

        Assert.That(parsed, Is.True);
        Assert.That(options.Timeout, Is.EqualTo(TimeSpan.Zero));
        Assert.That(options.MaxMemoryClients, Is.EqualTo(2L * 1024 * 1024 * 1024));
        Assert.That(options.ClientOutputBufferLimits, Is.EqualTo(ClientOutputBufferLimits.Default));
    }

    [Test]
    public void Reads_the_memory_limit_and_policy_in_redis_syntax()
    {
        var args = new[]
        {
            "--maxmemory", "64mb", "--maxmemory-policy", "ALLKEYS-LFU", "--maxmemory-samples", "10",
            "--lfu-log-factor", "20", "--lfu-decay-time", "0", "--replay-buffer-bytes", "8m",
        };

        var parsed = new ServerCommandLine().TryParse(args, out var options, out _, out _);

        Assert.That(parsed, Is.True);
        Assert.That(options.Store, Is.EqualTo(new CacheStoreOptions
        {
            MaxMemory = 64L * 1024 * 1024,
            EvictionPolicy = EvictionPolicy.AllKeysLfu,
            EvictionSamples = 10,
            LfuLogFactor = 20,
            LfuDecayMinutes = 0,
            ReplayBufferBytes = 8_000_000,
        }));
    }

    [TestCase("0", 0L)]
    [TestCase("1048576", 1048576L)]
    [TestCase("100k", 100_000L)]
    [TestCase("100kb", 102_400L)]
    [TestCase("2g", 2_000_000_000L)]
    [TestCase("2GB", 2L * 1024 * 1024 * 1024)]
    public void Reads_maxmemory_as_redis_config_reads_it(string size, long bytes)
    {
        var parsed = new ServerCommandLine().TryParse(["--maxmemory", size], out var options, out _, out _);

        Assert.That(parsed, Is.True);
        Assert.That(options.Store.MaxMemory, Is.EqualTo(bytes));
    }

    [Test]
    public void Defaults_to_no_memory_limit_and_redis_policy_settings()
    {
        var parsed = new ServerCommandLine().TryParse([], out var options, out _, out _);

        Assert.That(parsed, Is.True);
        Assert.That(options.Store, Is.EqualTo(new CacheStoreOptions()));
        Assert.That(options.Store.MaxMemory, Is.Zero);
        Assert.That(options.Store.EvictionPolicy, Is.EqualTo(EvictionPolicy.NoEviction));
    }

    [Test]
    public void Names_every_policy_when_the_policy_is_unknown()
    {
        using var errors = new StringWriter();

        var parsed = new ServerCommandLine().TryParse(["--maxmemory-policy", "lru"], out _, out _, out var exitCode, errors);

        Assert.That(parsed, Is.False);
        Assert.That(exitCode, Is.EqualTo(2));
        var firstLine = errors.ToString().Split('\n')[0];
        Assert.That(firstLine, Does.StartWith("error: --maxmemory-policy: 'lru' is not a policy; use one of "));
        Assert.That(EvictionPolicies.Names, Is.All.Matches<string>(name => firstLine.Contains(name!, StringComparison.Ordinal)));
    }

    [Test]
    public void Lists_the_memory_options_in_help()
    {
        using var output = new StringWriter();
        var original = Console.Out;

        string help;
        Console.SetOut(output);
        try
        {
            new ServerCommandLine().TryParse(["--help"], out _, out _, out _);
            help = output.ToString();
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.That(help, Does.Contain("--maxmemory <maxmemory>").And.Contain("--maxmemory-policy").And.Contain("volatile-ttl")
            .And.Contain("--maxmemory-samples").And.Contain("--lfu-log-factor").And.Contain("--lfu-decay-time").And.Contain("--replay-buffer-bytes"));
    }
}
