using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Hosting.Settings;

namespace ReactiveCache.Specs.Hosting;

/// <summary>The one table of settings: its defaults, the command line made from it, and the config file's syntax.</summary>
public sealed class ServerSettingsSpecs
{
    private static IEnumerable<string> SettingNames() => ServerSettings.All.Select(setting => setting.Name);

    [TestCaseSource(nameof(SettingNames))]
    public void Declares_the_default_CacheServerOptions_has(string name)
    {
        var setting = ServerSettings.Find(name)!;

        Assert.That(setting.Canonical(setting.Read(new CacheServerOptions())), Is.EqualTo(setting.Canonical(setting.DefaultText)));
    }

    [Test]
    public void Gives_every_setting_one_name_per_place()
    {
        Assert.That(ServerSettings.All.Select(setting => setting.Key.ToLowerInvariant()), Is.Unique);
        Assert.That(ServerSettings.All.Select(setting => setting.ConfigName), Is.Unique);
        Assert.That(ServerSettings.Find("resp-port")!.ConfigName, Is.EqualTo("port"));
        Assert.That(ServerSettings.Find("RESP_PORT")!.EnvironmentVariable, Is.EqualTo("REACTIVECACHE_RESP_PORT"));
    }

    [Test]
    public void Makes_a_command_line_option_of_every_setting()
    {
        using var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            new ServerCommandLine().TryParse(["--help"], out _, out _, out _);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.That(ServerSettings.All.Select(setting => $"--{setting.Name} "), Is.All.Matches<string>(option => output.ToString().Contains(option!, StringComparison.Ordinal)));
    }

    [Test]
    public void Has_a_row_in_docs_configuration_md_for_every_setting()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReactiveCache.sln")))
        {
            directory = directory.Parent;
        }

        var page = File.ReadAllText(Path.Combine(directory!.FullName, "docs", "configuration.md"));

        var rows = ServerSettings.All.Select(setting =>
            $"| `--{setting.Name}` | `{setting.Name}` | `{setting.EnvironmentVariable}` | `{setting.ConfigName}` |");
        Assert.That(rows, Is.All.Matches<string>(row => page.Contains(row!, StringComparison.Ordinal)));
    }

    [TestCase("port 7379", new[] { "port", "7379" })]
    [TestCase("  requirepass \"two words\"  ", new[] { "requirepass", "two words" })]
    [TestCase("requirepass 'it\\'s'", new[] { "requirepass", "it's" })]
    [TestCase("requirepass \"tab\\there\\x41\"", new[] { "requirepass", "tab\there\u0041" })]
    [TestCase("requirepass \"\"", new[] { "requirepass", "" })]
    [TestCase("notify-keyspace-events KEA # not a comment", new[] { "notify-keyspace-events", "KEA", "#", "not", "a", "comment" })]
    public void Splits_a_line_as_redis_conf_does(string line, string[] words)
    {
        Assert.That(ConfigFileSyntax.TrySplit(line, out var split, out _), Is.True);
        Assert.That(split, Is.EqualTo(words));
    }

    [TestCase("requirepass \"open")]
    [TestCase("requirepass \"closed\"but-more")]
    [TestCase("requirepass 'open")]
    public void Refuses_unbalanced_quotes(string line)
    {
        Assert.That(ConfigFileSyntax.TrySplit(line, out _, out var error), Is.False);
        Assert.That(error, Is.EqualTo("unbalanced quotes in configuration line"));
    }

    [TestCase("# a comment")]
    [TestCase("   ")]
    [TestCase("\t# indented comment")]
    public void Skips_blank_lines_and_comments(string line)
    {
        Assert.That(ConfigFileSyntax.IsDirective(line), Is.False);
    }

    [Test]
    public void Quotes_what_it_writes_so_it_reads_back_the_same()
    {
        foreach (var word in new[] { "plain", "two words", "quote\"s", "back\\slash", "", "#hash", "tab\tnew\nline" })
        {
            Assert.That(ConfigFileSyntax.TrySplit("requirepass " + ConfigFileSyntax.Quote(word), out var words, out _), Is.True, word);
            Assert.That(words[1], Is.EqualTo(word));
        }
    }
}
