using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Commands.Redis.Introspection;

namespace ReactiveCache.Specs.Commands.Redis.Introspection;

public sealed class LatencyMonitorSpecs : ReactiveTest
{
    [Test]
    public void Records_nothing_while_the_threshold_is_0()
    {
        var monitor = new LatencyMonitor();

        monitor.Offer("command", 500, 1_700_000_000);

        Assert.That(monitor.Latest(), Is.Empty);
    }

    [Test]
    public void Keeps_one_sample_per_second_the_highest_and_the_all_time_high()
    {
        var monitor = new LatencyMonitor { ThresholdMilliseconds = 100 };

        monitor.Offer("command", 99, 1_700_000_000);
        monitor.Offer("command", 150, 1_700_000_000);
        monitor.Offer("command", 300, 1_700_000_000);
        monitor.Offer("command", 120, 1_700_000_001);
        monitor.Offer("fast-command", 100, 1_700_000_002);

        Assert.That(monitor.History("command"), Is.EqualTo(new[] { (1_700_000_000L, 300L), (1_700_000_001L, 120L) }));
        Assert.That(monitor.Latest(), Is.EquivalentTo(new[] { ("command", 1_700_000_001L, 120L, 300L), ("fast-command", 1_700_000_002L, 100L, 100L) }));
        Assert.That(monitor.Reset(["COMMAND"]), Is.EqualTo(1));
        Assert.That(monitor.Reset([]), Is.EqualTo(1));
        Assert.That(monitor.Latest(), Is.Empty);
    }

    [Test]
    public void Keeps_the_latest_160_seconds()
    {
        var monitor = new LatencyMonitor { ThresholdMilliseconds = 1 };

        for (var second = 0; second < 200; second++)
        {
            monitor.Offer("command", 10 + second, 1_700_000_000 + second);
        }

        var history = monitor.History("command");
        Assert.That(history, Has.Count.EqualTo(LatencyMonitor.HistoryLength));
        Assert.That(history[0], Is.EqualTo((1_700_000_040L, 50L)));
        Assert.That(history[^1], Is.EqualTo((1_700_000_199L, 209L)));
    }
}
