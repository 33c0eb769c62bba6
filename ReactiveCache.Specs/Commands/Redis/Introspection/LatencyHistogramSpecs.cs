using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Commands.Redis.Introspection;

namespace ReactiveCache.Specs.Commands.Redis.Introspection;

public sealed class LatencyHistogramSpecs : ReactiveTest
{
    [TestCase(0L)]
    [TestCase(7L)]
    [TestCase(8L)]
    [TestCase(1000L)]
    [TestCase(123_456_789L)]
    [TestCase(long.MaxValue)]
    public void Puts_a_value_in_a_bucket_whose_top_is_within_an_eighth_of_it(long value)
    {
        var top = LatencyHistogram.HighestIn(LatencyHistogram.IndexOf(value));

        Assert.That(top, Is.GreaterThanOrEqualTo(Math.Min(value, (1L << 37) - 1)));
        if (value < 1L << 36)
        {
            Assert.That(top - value, Is.LessThanOrEqualTo(value / 8));
        }
    }

    [Test]
    public void Answers_percentiles_as_hdr_histogram_does()
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 100; i++)
        {
            histogram.Record(i * 1000);
        }

        Assert.That(histogram.Total, Is.EqualTo(100));
        Assert.That(histogram.ValueAt(50), Is.InRange(50_000, 50_000 * 9 / 8));
        Assert.That(histogram.ValueAt(99), Is.InRange(99_000, 99_000 * 9 / 8));
        Assert.That(histogram.ValueAt(0), Is.InRange(1000, 1125));
    }

    [Test]
    public void Lists_cumulative_counts_at_powers_of_two_from_a_microsecond()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(500);
        histogram.Record(1500);
        histogram.Record(1600);
        histogram.Record(100_000);

        Assert.That(histogram.PowersOfTwo(), Is.EqualTo(new[] { (1L, 1L), (2L, 3L), (131L, 4L) }));
    }
}
