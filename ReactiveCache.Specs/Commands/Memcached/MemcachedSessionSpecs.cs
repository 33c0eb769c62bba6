using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Memcached;

public sealed class MemcachedSessionSpecs : ReactiveTest
{
    private TestScheduler _scheduler = null!;
    private CacheStore _store = null!;
    private MemcachedHarness _client = null!;

    [SetUp]
    public void Start()
    {
        _scheduler = new TestScheduler();
        _scheduler.AdvanceTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks);
        _store = new CacheStore(scheduler: _scheduler);
        _client = new MemcachedHarness(_store, maxItemSize: 64);
    }

    [TearDown]
    public void Stop() => _store.Dispose();

    [Test]
    public void Stores_and_returns_a_value_with_its_client_flags()
    {
        var stored = _client.Send("set k 4294967295 0 5\r\nhello\r\n");
        var read = _client.Send("get k missing\r\n");

        Assert.That(stored, Is.EqualTo("STORED\r\n"));
        Assert.That(read, Is.EqualTo("VALUE k 4294967295 5\r\nhello\r\nEND\r\n"));
    }

    [Test]
    public void Follows_the_add_replace_append_and_prepend_rules()
    {
        var replies = _client.Send(
            "replace k 0 0 1\r\na\r\nappend k 0 0 1\r\na\r\nadd k 3 0 1\r\nb\r\nadd k 0 0 1\r\nc\r\n" +
            "append k 9 0 1\r\nz\r\nprepend k 9 0 1\r\ny\r\nget k\r\n");

        Assert.That(replies, Is.EqualTo(
            "NOT_STORED\r\nNOT_STORED\r\nSTORED\r\nNOT_STORED\r\nSTORED\r\nSTORED\r\nVALUE k 3 3\r\nybz\r\nEND\r\n"));
    }

    [Test]
    public void Checks_and_sets_against_the_cas_of_the_last_write()
    {
        _client.Send("set k 0 0 1\r\na\r\n");
        var cas = _client.Send("gets k\r\n").Split(' ', '\r')[4];

        var replies = _client.Send($"cas k 0 0 1 {cas}\r\nb\r\ncas k 0 0 1 {cas}\r\nc\r\ncas gone 0 0 1 1\r\nd\r\nget k\r\n");

        Assert.That(replies, Is.EqualTo("STORED\r\nEXISTS\r\nNOT_FOUND\r\nVALUE k 0 1\r\nb\r\nEND\r\n"));
    }

    [Test]
    public void Changes_the_cas_when_another_protocol_writes_the_key()
    {
        _client.Send("set k 0 0 1\r\na\r\n");
        var cas = _client.Send("gets k\r\n").Split(' ', '\r')[4];

        _store.Set("k", "native");
        var reply = _client.Send($"cas k 0 0 1 {cas}\r\nb\r\nget k\r\n");

        Assert.That(reply, Is.EqualTo("EXISTS\r\nVALUE k 0 6\r\nnative\r\nEND\r\n"));
    }

    [Test]
    public void Wraps_incr_at_two_to_the_64_and_floors_decr_at_zero()
    {
        _client.Send("set n 0 0 20\r\n18446744073709551615\r\n");

        var replies = _client.Send("incr n 2\r\ndecr n 5\r\nincr missing 1\r\n");

        Assert.That(replies, Is.EqualTo("1\r\n0\r\nNOT_FOUND\r\n"));
    }

    [Test]
    public void Refuses_to_count_a_value_that_is_not_a_number()
    {
        _client.Send("set t 0 0 3\r\nabc\r\n");

        var reply = _client.Send("incr t 1\r\n");

        Assert.That(reply, Is.EqualTo("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n"));
    }

    [Test]
    public void Expires_a_relative_exptime_on_the_store_clock()
    {
        _client.Send("set k 0 10 1\r\na\r\n");

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(9.9).Ticks);
        var before = _client.Send("get k\r\n");
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(0.1).Ticks);
        var after = _client.Send("get k\r\n");

        Assert.That(before, Is.EqualTo("VALUE k 0 1\r\na\r\nEND\r\n"));
        Assert.That(after, Is.EqualTo("END\r\n"));
    }

    [Test]
    public void Reads_an_exptime_over_30_days_as_an_absolute_unix_time()
    {
        var now = _scheduler.Now.ToUnixTimeSeconds();
        _client.Send($"set future 0 {now + 5} 1\r\na\r\nset past 0 {now - 5} 1\r\nb\r\nset month 0 2592000 1\r\nc\r\n");

        var immediately = _client.Send("get future past month\r\n");
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(5).Ticks);
        var later = _client.Send("get future month\r\n");

        Assert.That(immediately, Is.EqualTo("VALUE future 0 1\r\na\r\nVALUE month 0 1\r\nc\r\nEND\r\n"));
        Assert.That(later, Is.EqualTo("VALUE month 0 1\r\nc\r\nEND\r\n"));
    }

    [Test]
    public void Treats_a_negative_exptime_as_expired_at_once()
    {
        _client.Send("set k 0 0 1\r\na\r\n");

        var replies = _client.Send("set k 0 -1 1\r\nb\r\nget k\r\n");

        Assert.That(replies, Is.EqualTo("STORED\r\nEND\r\n"));
    }

    [Test]
    public void Touches_and_gats_a_new_expiry()
    {
        _client.Send("set k 0 5 1\r\na\r\nset j 0 5 1\r\nb\r\n");

        var replies = _client.Send("touch k 100\r\ngat 100 j\r\ntouch missing 1\r\n");
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(50).Ticks);
        var later = _client.Send("get k j\r\n");

        Assert.That(replies, Is.EqualTo("TOUCHED\r\nVALUE j 0 1\r\nb\r\nEND\r\nNOT_FOUND\r\n"));
        Assert.That(later, Is.EqualTo("VALUE k 0 1\r\na\r\nVALUE j 0 1\r\nb\r\nEND\r\n"));
    }

    [Test]
    public void Flushes_after_a_delay_on_the_store_scheduler()
    {
        _client.Send("set k 0 0 1\r\na\r\n");

        var reply = _client.Send("flush_all 10\r\n");
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(9).Ticks);
        var before = _client.Send("get k\r\n");
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        var after = _client.Send("get k\r\n");

        Assert.That(reply, Is.EqualTo("OK\r\n"));
        Assert.That(before, Is.EqualTo("VALUE k 0 1\r\na\r\nEND\r\n"));
        Assert.That(after, Is.EqualTo("END\r\n"));
    }

    [Test]
    public void A_later_flush_all_replaces_a_pending_delayed_one()
    {
        _client.Send("flush_all 3600\r\n");
        _client.Send("flush_all 0\r\n");
        _client.Send("set k 0 0 1\r\na\r\n");

        _scheduler.AdvanceBy(TimeSpan.FromHours(2).Ticks);

        Assert.That(_client.Send("get k\r\n"), Is.EqualTo("VALUE k 0 1\r\na\r\nEND\r\n"));
    }

    [Test]
    public void Rejects_a_data_length_that_would_overflow_and_keeps_serving()
    {
        var reply = _client.Send("set k 0 0 9223372036854775807\r\n");

        Assert.That(reply, Is.EqualTo("CLIENT_ERROR bad command line format\r\n"));
        Assert.That(_client.Send("version\r\n"), Is.EqualTo("VERSION 1.6.21-reactivecache\r\n"));
    }

    [Test]
    public void Answers_nothing_to_noreply_commands()
    {
        var replies = _client.Send(
            "set k 0 0 1 noreply\r\n1\r\nincr k 1 noreply\r\ntouch k 0 noreply\r\nadd k 0 0 1 noreply\r\nx\r\n" +
            "verbosity 1 noreply\r\nflush_all noreply\r\nget k\r\n");

        Assert.That(replies, Is.EqualTo("END\r\n"));
    }

    [Test]
    public void Keeps_the_session_alive_after_each_error()
    {
        var replies = _client.Send(
            "bogus\r\nset k 0 0 1\r\nabc\r\nset big 0 0 100\r\n" + new string('x', 100) + "\r\nget " + new string('k', 251) + "\r\nversion\r\n");

        Assert.That(replies, Is.EqualTo(
            "ERROR\r\nCLIENT_ERROR bad data chunk\r\nERROR\r\nSERVER_ERROR object too large for cache\r\n" +
            "CLIENT_ERROR bad command line format\r\nVERSION 1.6.21-reactivecache\r\n"));
    }

    [Test]
    public void Drops_the_old_value_when_a_set_is_too_large_but_not_when_an_append_is()
    {
        _client.Send("set k 0 0 3\r\nold\r\nset j 0 0 3\r\nold\r\n");

        var replies = _client.Send("set k 0 0 65\r\n" + new string('x', 65) + "\r\nappend j 0 0 65\r\n" + new string('x', 65) + "\r\nget k j\r\n");

        Assert.That(replies, Is.EqualTo(
            "SERVER_ERROR object too large for cache\r\nSERVER_ERROR object too large for cache\r\nVALUE j 0 3\r\nold\r\nEND\r\n"));
    }

    [Test]
    public void Publishes_memcached_writes_on_the_change_stream()
    {
        var changes = _scheduler.CreateObserver<string>();
        using var subscription = _store.Changes
            .Select(change => $"{change.Kind} {change.Reason} {change.KeyText}")
            .Subscribe(changes);

        _client.Send("set k 0 0 1\r\n1\r\nappend k 0 0 1\r\n2\r\nincr k 1\r\ntouch k 1\r\ndelete k\r\n");

        Assert.That(changes.Messages.Select(message => message.Value.Value), Is.EqualTo(new[]
        {
            "Added Set k", "Updated Append k", "Updated Increment k", "Updated Touch k", "Removed Delete k",
        }));
    }

    [Test]
    public void Closes_the_session_on_quit_without_a_reply()
    {
        var reply = _client.Send("quit\r\nversion\r\n");

        Assert.That(reply, Is.Empty);
        Assert.That(_client.Closed, Is.True);
    }

    [Test]
    public void Reports_stats_and_resets_them()
    {
        _client.Send("get a\r\nset a 0 0 1\r\n1\r\nget a\r\n");

        var stats = _client.Send("stats\r\n");
        var reset = _client.Send("stats reset\r\n");
        var settings = _client.Send("stats settings\r\n");

        Assert.That(stats, Does.Contain("STAT get_hits 1\r\n").And.Contain("STAT get_misses 1\r\n").And.Contain("STAT curr_items 1\r\n").And.EndWith("END\r\n"));
        Assert.That(reset, Is.EqualTo("RESET\r\n"));
        Assert.That(settings, Does.Contain("STAT item_size_max 64\r\n"));
    }
}
