using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>SCAN's guarantees as Redis gives them, with a cursor that is a place in the store's own order.</summary>
public sealed class ScanSpecs : RedisSessionSpec
{
    [Test]
    public void Returns_every_key_present_for_the_whole_scan_exactly_once_while_others_come_and_go()
    {
        for (var i = 0; i < 2_000; i++)
        {
            Client.Send("SET", $"stable:{i}", "v");
            Client.Send("SET", $"churn:{i}", "v");
        }

        var seen = new List<string>();
        var cursor = "0";
        var page = 0;
        do
        {
            (cursor, var keys) = Scan(cursor, "10");
            seen.AddRange(keys);

            // Between pages other keys are deleted and new ones written, which reuse the freed slots.
            Client.Send("DEL", $"churn:{page}");
            Client.Send("SET", $"new:{page}", "v");
            page++;
        }
        while (cursor != "0");

        var stable = seen.Where(key => key.StartsWith("stable:")).ToList();
        Assert.That(stable, Is.Unique);
        Assert.That(stable, Has.Count.EqualTo(2_000));
    }

    [Test]
    public void A_page_returns_about_COUNT_keys_and_a_cursor_to_go_on_from()
    {
        for (var i = 0; i < 1_000; i++)
        {
            Client.Send("SET", $"k{i}", "v");
        }

        var (cursor, keys) = Scan("0", "10");

        Assert.That(keys, Has.Length.EqualTo(10));
        Assert.That(cursor, Is.Not.EqualTo("0"));
        Assert.That(Scan(cursor, "10").Keys, Has.None.AnyOf(keys));
        Assert.That(Scan("0", "100000").Cursor, Is.EqualTo("0"), "one page past the end finishes the scan");
    }

    [Test]
    public void Skips_keys_past_their_expiry_and_stops_early_on_a_sparse_stretch()
    {
        for (var i = 0; i < 1_000; i++)
        {
            Client.Send("SET", $"k{i}", "v", "PX", i < 990 ? "10" : "100000");
        }

        Redis.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(5).Ticks);
        Client.Send("PERSIST", "k0");
        Redis.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(10).Ticks);
        var seen = new List<string>();
        var cursor = "0";
        var pages = 0;
        do
        {
            (cursor, var keys) = Scan(cursor, "5");
            seen.AddRange(keys);
            pages++;
        }
        while (cursor != "0");

        Assert.That(seen, Is.EquivalentTo(new[] { "k0" }.Concat(Enumerable.Range(990, 10).Select(i => $"k{i}"))));
        Assert.That(pages, Is.GreaterThan(1), "ten times COUNT empty visits end a page");
    }

    [Test]
    public void After_mass_deletion_the_keys_are_packed_and_a_scan_in_progress_still_returns_every_stable_key()
    {
        for (var i = 0; i < 5_000; i++)
        {
            Client.Send("SET", $"churn:{i}", "v");
            Client.Send("SET", $"stable:{i % 10}", "v");
        }

        var (cursor, first) = Scan("0", "10");
        for (var i = 0; i < 5_000; i++)
        {
            Client.Send("DEL", $"churn:{i}");
        }

        var seen = new List<string>(first);
        while (cursor != "0")
        {
            (cursor, var keys) = Scan(cursor, "10");
            seen.AddRange(keys);
        }

        Assert.That(seen.Where(key => key.StartsWith("stable:")).Distinct().Count(), Is.EqualTo(10));
        Assert.That(Scan("0", "200").Cursor, Is.EqualTo("0"), "the slots were packed: one page of 200 walks them all");
        Assert.That(Client.Send("RANDOMKEY"), Does.Contain("stable:"));
    }

    [Test]
    public void RANDOMKEY_returns_live_keys_only()
    {
        Client.Send("SET", "short", "v", "PX", "10");
        Client.Send("SET", "long", "v");
        for (var i = 0; i < 100; i++)
        {
            Client.Send("SET", $"gone{i}", "v");
            Client.Send("DEL", $"gone{i}");
        }

        Redis.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(20).Ticks);

        var picks = Enumerable.Range(0, 50).Select(_ => Client.Send("RANDOMKEY")).Distinct();
        Assert.That(picks, Is.EqualTo(new[] { "$4\r\nlong\r\n" }));
    }

    private (string Cursor, string[] Keys) Scan(string cursor, string count)
    {
        var reply = Client.Send("SCAN", cursor, "COUNT", count).Split("\r\n");
        var keys = new List<string>();
        for (var i = 4; i + 1 < reply.Length; i += 2)
        {
            keys.Add(reply[i + 1]);
        }

        return (reply[2], keys.ToArray());
    }
}
