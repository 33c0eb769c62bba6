using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Memcached;

/// <summary>The libmemcached command-line tools doing what operators do with them.</summary>
public sealed class LibmemcachedToolsSpecs : MemcachedServerSpec
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("reactivecache-memc").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task Copies_reads_back_and_removes_a_1_MB_file_with_its_flags()
    {
        var content = new byte[1024 * 1024];
        new Random(7).NextBytes(content);
        var file = Path.Combine(_directory, "onemeg.bin");
        await File.WriteAllBytesAsync(file, content);
        var copy = Path.Combine(_directory, "copy.bin");

        var copied = await Tool("memccp", "--flag=42", "--expire=600", file);
        var read = await Tool("memccat", "--file=" + copy, "onemeg.bin");
        var flags = await Tool("memccat", "--flags", "onemeg.bin");
        var removed = await Tool("memcrm", "onemeg.bin");
        var gone = await Tool("memccat", "onemeg.bin");

        Assert.That((copied.ExitCode, read.ExitCode, removed.ExitCode), Is.EqualTo((0, 0, 0)), $"{copied}\n{read}\n{removed}");
        Assert.That(await File.ReadAllBytesAsync(copy), Is.EqualTo(content));
        Assert.That(flags.Output, Does.StartWith("42\n"), flags.ToString());
        Assert.That(gone.ExitCode, Is.Not.Zero, gone.ToString());
        Assert.That(Server.Store.Count, Is.Zero);
    }

    [Test]
    public async Task Reports_stats_and_flushes_everything()
    {
        Server.Store.Set("one", "1");

        var stats = await Tool("memcstat");
        var flushed = await Tool("memcflush");

        Assert.That(stats.ExitCode, Is.Zero, stats.ToString());
        Assert.That(stats.Output, Does.Contain("version: 1.6.21-reactivecache").And.Contain("curr_items:"), stats.ToString());
        Assert.That(flushed.ExitCode, Is.Zero, flushed.ToString());
        Assert.That(Server.Store.Count, Is.Zero);
    }

    [Test]
    public async Task Serves_a_small_memcslap_load_without_errors()
    {
        var set = await Tool("memcslap", "--concurrency=4", "--execute-number=500", "--test=set");
        var get = await Tool("memcslap", "--concurrency=4", "--execute-number=500", "--test=get");

        Assert.That(set.ExitCode, Is.Zero, set.ToString());
        Assert.That(set.Output, Does.Contain("Time to set"), set.ToString());
        Assert.That(get.ExitCode, Is.Zero, get.ToString());
        Assert.That(get.Output, Does.Contain("Time to get"), get.ToString());
    }

    private Task<ExternalProcess.Result> Tool(string name, params string[] arguments) =>
        ExternalProcess.RunAsync(DebianPackage.Require(name, "libmemcached-tools"), ["--servers=" + HostPort, .. arguments], TimeSpan.FromSeconds(60));
}
