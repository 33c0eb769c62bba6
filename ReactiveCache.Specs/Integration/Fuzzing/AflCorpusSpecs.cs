using NUnit.Framework;
using ReactiveCache.Fuzz.Afl;

namespace ReactiveCache.Specs.Integration.Fuzzing;

/// <summary>
/// Every input that coverage-guided fuzzing kept (fuzz/corpus/TARGET, minimized by fuzz/afl.sh) and every
/// hand-written seed (fuzz/seeds/TARGET) still runs through its target's framer, parser and session without an
/// exception: the corpus is a regression suite that needs no AFL++ to run.
/// </summary>
public sealed class AflCorpusSpecs
{
    [TestCase("resp")]
    [TestCase("native")]
    [TestCase("memcached")]
    public void Runs_every_kept_fuzz_input_of_a_target_without_an_exception(string target)
    {
        var files = new[] { "corpus", "seeds" }
            .Select(folder => Path.Combine(RepositoryRoot(), "fuzz", folder, target))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Order(StringComparer.Ordinal)
            .ToList();

        var failures = files.Select(file => Failure(target, file)).OfType<string>().ToList();

        Assert.That(files, Is.Not.Empty);
        Assert.That(failures, Is.Empty);
    }

    private static string? Failure(string target, string file)
    {
        try
        {
            Targets.All[target].Run(File.ReadAllBytes(file));
            return null;
        }
        catch (Exception error)
        {
            return $"{file}: {error}";
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReactiveCache.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("no ReactiveCache.sln above " + AppContext.BaseDirectory);
    }
}
