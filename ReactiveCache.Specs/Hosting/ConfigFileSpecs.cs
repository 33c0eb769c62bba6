using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Hosting.Settings;

namespace ReactiveCache.Specs.Hosting;

/// <summary>--config files read by the console's command line: what they set, and clear file:line errors for what is wrong.</summary>
public sealed class ConfigFileSpecs
{
    private string _directory = "";

    [SetUp]
    public void MakeDirectory() => _directory = Directory.CreateTempSubdirectory("reactivecache-configfile-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Reads_each_directive_by_the_command_line_name()
    {
        var file = Write("# comment", "", "resp-port 6400", "port 0", "client-output-buffer-limit normal 0 0 0", "client-output-buffer-limit pubsub 1mb 1mb 1", "log-level Warning");

        var (parsed, options, _) = Parse("--config", file);

        Assert.That(parsed, Is.True);
        Assert.That((options.RespPort, options.Port, options.ConfigFile), Is.EqualTo(((int?)6400, (int?)null, file)));
        Assert.That(options.ClientOutputBufferLimits.Normal, Is.EqualTo(ReactiveCache.Networking.OutputBufferLimit.Unlimited));
        Assert.That(options.ClientOutputBufferLimits.PubSub.HardBytes, Is.EqualTo(1024 * 1024));
        Assert.That(ServerSettings.HostValue<Microsoft.Extensions.Logging.LogLevel>(options, "log-level"), Is.EqualTo(Microsoft.Extensions.Logging.LogLevel.Warning));
    }

    [Test]
    public void Reads_a_line_of_only_form_feeds_or_non_breaking_spaces_as_blank()
    {
        var file = Write("\f", "\v \u00a0", "resp-port 6401");

        var (parsed, options, errors) = Parse("--config", file);

        Assert.That(parsed, Is.True, errors);
        Assert.That(options.RespPort, Is.EqualTo(6401));
    }

    [Test]
    public void Takes_the_command_line_over_the_file()
    {
        var file = Write("maxmemory 10mb", "databases 3");

        var (parsed, options, _) = Parse("--config", file, "--maxmemory", "20mb");

        Assert.That(parsed, Is.True);
        Assert.That((options.Store.MaxMemory, options.Resp.Databases), Is.EqualTo((20L * 1024 * 1024, 3)));
    }

    [TestCase("frobnicate yes", "2: unknown directive 'frobnicate'")]
    [TestCase("maxclients 5", "2: unknown directive 'maxclients'")]
    [TestCase("max_clients 5", "2: unknown directive 'max_clients'")]
    [TestCase("port abc", "2: port: 'abc' is not a whole number")]
    [TestCase("port 1 2", "2: port: wrong number of arguments (2)")]
    [TestCase("port", "2: port: wrong number of arguments (0)")]
    [TestCase("maxmemory-policy lru", "2: maxmemory-policy: 'lru' is not a policy")]
    [TestCase("requirepass \"open", "2: unbalanced quotes in configuration line")]
    [TestCase("bind localhost", "2: bind: 'localhost' is not an IP address")]
    public void Refuses_a_bad_line_naming_the_file_and_line(string line, string error)
    {
        var file = Write("# first", line, "port 1");

        var (parsed, _, errors) = Parse("--config", file);

        Assert.That(parsed, Is.False);
        Assert.That(errors, Does.StartWith($"error: {file}:{error}"));
    }

    [Test]
    public void Refuses_a_line_of_10_megabytes_without_reading_it_as_a_value()
    {
        var file = Write("port 1", "requirepass " + new string('x', 10 * 1024 * 1024));

        var (parsed, _, errors) = Parse("--config", file);

        Assert.That(parsed, Is.False);
        Assert.That(errors, Does.StartWith($"error: {file}:2: line longer than {ConfigFileSyntax.MaxLineLength} characters"));
    }

    [Test]
    public void Refuses_a_directive_with_100_thousand_arguments()
    {
        var file = Write("client-output-buffer-limit " + string.Join(' ', Enumerable.Repeat("normal 0 0 0", 25_000)));

        var (parsed, _, errors) = Parse("--config", file);

        Assert.That(parsed, Is.False);
        Assert.That(errors, Does.StartWith($"error: {file}:1: more than {ConfigFileSyntax.MaxWords} arguments"));
    }

    [Test]
    public void Refuses_a_line_with_a_NUL()
    {
        var file = Write("requirepass se\0cret");

        var (parsed, _, errors) = Parse("--config", file);

        Assert.That(parsed, Is.False);
        Assert.That(errors, Does.StartWith($"error: {file}:1: line holds a NUL character"));
    }

    [Test]
    public void Refuses_a_file_that_does_not_exist_or_is_a_directory()
    {
        var missing = Path.Combine(_directory, "missing.conf");

        var (missingParsed, _, missingErrors) = Parse("--config", missing);
        var (directoryParsed, _, directoryErrors) = Parse("--config", _directory);

        Assert.That((missingParsed, directoryParsed), Is.EqualTo((false, false)));
        Assert.That(missingErrors, Does.StartWith($"error: cannot read config file '{missing}': no such file"));
        Assert.That(directoryErrors, Does.StartWith($"error: cannot read config file '{_directory}': it is a directory"));
    }

    [Test]
    public void Refuses_an_endless_device_instead_of_reading_it_all()
    {
        var (parsed, _, errors) = Parse("--config", "/dev/zero");

        Assert.That(parsed, Is.False);
        Assert.That(errors, Does.StartWith($"error: cannot read config file '/dev/zero': longer than {ConfigFileSyntax.MaxFileLength} characters"));
    }

    [Test]
    public void Carries_the_shared_directives_of_a_redis_conf_and_warns_about_the_rest()
    {
        var file = Write("port 6390", "bind 10.0.0.1 -::1", "maxclients 9", "loglevel warning", "save 3600 1", "maxmemory-clients 10%", "client-output-buffer-limit replica 1mb 1mb 1");
        var commandLine = new ServerCommandLine();

        var parsed = commandLine.TryParse(["--config-import-redis", file], out var options, out var level, out _);

        Assert.That(parsed, Is.True);
        Assert.That((options.RespPort, options.BindAddress.ToString(), options.MaxClients, level), Is.EqualTo(((int?)6390, "10.0.0.1", 9, Microsoft.Extensions.Logging.LogLevel.Warning)));
        Assert.That(options.MaxMemoryClients, Is.EqualTo(new CacheServerOptions().MaxMemoryClients));
        Assert.That(commandLine.Warnings, Is.EqualTo(new[]
        {
            $"{file}:2: bind: only the first address, 10.0.0.1, is carried",
            $"{file}:5: 'save' is not a ReactiveCache setting; ignored",
            $"{file}:6: maxmemory-clients: '10%' is not a size (bytes, or with k, kb, m, mb, g, gb); ignored",
        }));
    }

    [Test]
    public void Takes_the_file_over_an_imported_redis_conf()
    {
        var redis = Write("maxclients 9", "timeout 4");
        var ours = Path.Combine(_directory, "ours.conf");
        File.WriteAllLines(ours, ["max-clients 10"]);

        var (parsed, options, _) = Parse("--config-import-redis", redis, "--config", ours);

        Assert.That(parsed, Is.True);
        Assert.That((options.MaxClients, options.Timeout), Is.EqualTo((10, TimeSpan.FromSeconds(4))));
    }

    private static (bool Parsed, CacheServerOptions Options, string Errors) Parse(params string[] args)
    {
        using var errors = new StringWriter();
        var parsed = new ServerCommandLine().TryParse(args, out var options, out _, out var exitCode, errors);
        Assert.That(exitCode, Is.EqualTo(parsed ? 0 : 2));
        return (parsed, options, errors.ToString());
    }

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.conf");
        File.WriteAllLines(path, lines);
        return path;
    }
}
