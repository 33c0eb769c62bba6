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
        var storedBefore = Server.Store.Count;

        var stats = await Tool("memcstat");
        var flushed = await Tool("memcflush");

        Assert.That(stats.ExitCode, Is.Zero, stats.ToString());
        Assert.That(stats.Output, Does.StartWith($"Server: 127.0.0.1 ({Memcached.Port})\n"), stats.ToString());
        Assert.That(Stat(stats, "version"), Is.EqualTo("1.6.21-reactivecache"), stats.ToString());
        Assert.That(Stat(stats, "curr_items"), Is.EqualTo(storedBefore.ToString()), stats.ToString());
        Assert.That(flushed.ExitCode, Is.Zero, flushed.ToString());
        Assert.That(Server.Store.Count, Is.Zero);
    }

    [Test]
    public async Task Serves_a_small_memcslap_load_without_errors()
    {
        var before = await Tool("memcstat");
        var itemsBefore = Server.Store.Count;

        var set = await Tool("memcslap", "--concurrency=4", "--execute-number=500", "--test=set");
        var get = await Tool("memcslap", "--concurrency=4", "--execute-number=500", "--test=get");
        var after = await Tool("memcstat");

        // memcslap exits 0 and prints its timings even when every request failed, so the counts are what prove the
        // load ran: memcached 1.6 counts the same after these two runs (each thread sets or gets all 500 keys; the get
        // run first sets 500 keys of its own).
        Assert.That((set.ExitCode, get.ExitCode), Is.EqualTo((0, 0)), $"{set}\n{get}");
        Assert.That(set.Output, Does.Match(@"Time to set\s+2000 keys by\s+4 threads"), set.ToString());
        Assert.That(get.Output, Does.Match(@"Time to get\s+2000 keys by\s+4 threads"), get.ToString());
        Assert.That(set.Error + get.Error, Is.Empty);
        Assert.That(Delta("cmd_set"), Is.EqualTo(2500), after.ToString());
        Assert.That(Delta("cmd_get"), Is.EqualTo(2000), after.ToString());
        Assert.That(Delta("get_hits"), Is.EqualTo(2000), after.ToString());
        Assert.That(Delta("get_misses"), Is.Zero, after.ToString());
        Assert.That(Server.Store.Count - itemsBefore, Is.EqualTo(1000));

        long Delta(string name) => long.Parse(Stat(after, name)) - long.Parse(Stat(before, name));
    }

    /// <summary>One value of memcstat's output (<c>\tname: value</c> lines).</summary>
    private static string Stat(ExternalProcess.Result stats, string name) =>
        stats.Output.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith(name + ": ", StringComparison.Ordinal))[(name.Length + 2)..];

    private Task<ExternalProcess.Result> Tool(string name, params string[] arguments) =>
        ExternalProcess.RunAsync(DebianPackage.Require(name, "libmemcached-tools"), ["--servers=" + HostPort, .. arguments], TimeSpan.FromSeconds(60));
}
