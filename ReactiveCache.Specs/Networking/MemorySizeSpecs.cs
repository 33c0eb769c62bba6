using NUnit.Framework;
using ReactiveCache.Networking;

namespace ReactiveCache.Specs.Networking;

public sealed class MemorySizeSpecs
{
    [TestCase("0", 0L)]
    [TestCase("100", 100L)]
    [TestCase("100b", 100L)]
    [TestCase("100 bytes", 100L)]
    [TestCase("1k", 1000L)]
    [TestCase("512kb", 512L * 1024)]
    [TestCase("64MB", 64L * 1024 * 1024)]
    [TestCase("1m", 1_000_000L)]
    [TestCase("1gb", 1024L * 1024 * 1024)]
    [TestCase("2G", 2_000_000_000L)]
    [TestCase(" 32mb ", 32L * 1024 * 1024)]
    [TestCase("8589934591gb", 8589934591L * 1024 * 1024 * 1024)]
    public void Reads_sizes_as_redis_conf_writes_them(string text, long expected)
    {
        Assert.That(MemorySize.TryParse(text, out var bytes), Is.True);
        Assert.That(bytes, Is.EqualTo(expected));
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase(null)]
    [TestCase("-1")]
    [TestCase("-1mb")]
    [TestCase("1.5gb")]
    [TestCase("mb")]
    [TestCase("10tb")]
    [TestCase("10 m b")]
    [TestCase("8589934592gb")]
    [TestCase("99999999999999999999")]
    [TestCase("1\0")]
    [TestCase("٣")]
    public void Refuses_what_is_not_a_size_instead_of_reading_it_as_no_limit(string? text)
    {
        Assert.That(MemorySize.TryParse(text, out var bytes), Is.False);
        Assert.That(bytes, Is.Zero);
    }
}
