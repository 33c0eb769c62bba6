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
}
