using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Memcached;

/// <summary>
/// The store's one memory limit seen through memcached: under noeviction (memcached's <c>-M</c>) the storage commands
/// get memcached 1.6's out-of-memory errors (noreply as memcached honours it) while reads and deletes go on; under an
/// evicting policy a <c>set</c> evicts, and <c>stats</c> reports <c>bytes</c>, <c>limit_maxbytes</c> and <c>evictions</c>.
/// </summary>
public sealed class MemcachedMemoryLimitSpecs : ReactiveTest
{
    private TestScheduler _scheduler = null!;
    private CacheStore _store = null!;
    private MemcachedHarness _client = null!;

    [SetUp]
    public void Start()
    {
        _scheduler = new TestScheduler();
        _scheduler.AdvanceTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks);
    }

    [TearDown]
    public void Stop() => _store.Dispose();

    // Two keys, then a limit: below what they take (nothing evictable, every write that adds is refused), or exactly
    // what they take (the next write evicts). n takes more than fresh, so evicting n alone makes room for fresh.
    private void FullStore(EvictionPolicy policy = EvictionPolicy.NoEviction, bool exactly = false)
    {
        _store = new CacheStore(new CacheStoreOptions { EvictionPolicy = policy, EvictionSamples = 64 }, _scheduler);
        _client = new MemcachedHarness(_store);
        _client.Send("set k 5 0 5\r\nhello\r\nset n 0 0 10\r\n1000000000\r\n");
        _store.MaxMemory = exactly ? _store.UsedMemory : 1;
    }

    [Test]
    public void Refuses_every_storage_command_in_memcacheds_words()
    {
        FullStore();

        var replies = _client.Send(
            "replace k 0 0 1\r\na\r\nappend k 0 0 1\r\na\r\nprepend k 0 0 1\r\na\r\ncas k 0 0 1 1\r\na\r\nadd new 0 0 1\r\na\r\n" +
            "incr n 1\r\ndecr n 1\r\nget k n\r\n");

        Assert.That(replies, Is.EqualTo(
            string.Concat(Enumerable.Repeat("SERVER_ERROR out of memory storing object\r\n", 5)) +
            "SERVER_ERROR out of memory\r\nSERVER_ERROR out of memory\r\n" +
            "VALUE k 5 5\r\nhello\r\nVALUE n 0 10\r\n1000000000\r\nEND\r\n"));
    }

    [Test]
    public void Drops_the_old_value_of_a_refused_set_as_memcached_unlinks_it()
    {
        FullStore();

        var set = _client.Send("set k 0 0 1\r\na\r\n");
        var read = _client.Send("get k\r\n");
        var stats = _client.Send("stats\r\n");

        Assert.That(set, Is.EqualTo("SERVER_ERROR out of memory storing object\r\n"));
        Assert.That(read, Is.EqualTo("END\r\n"));
        Assert.That(stats, Does.Contain("STAT store_no_memory 1\r\n").And.Contain("STAT curr_items 1\r\n"));
    }

    [Test]
    public void Keeps_silent_about_a_refusal_under_noreply_as_memcached_does()
    {
        FullStore();

        var replies = _client.Send("append k 0 0 1 noreply\r\na\r\nincr n 1 noreply\r\nget k n\r\n");

        Assert.That(replies, Is.EqualTo("VALUE k 5 5\r\nhello\r\nVALUE n 0 10\r\n1000000000\r\nEND\r\n"));
    }

    [Test]
    public void Serves_reads_touches_and_deletes_while_full()
    {
        FullStore();

        var replies = _client.Send("gets n\r\ntouch k 60\r\ngat 0 k\r\ndelete n\r\nmg k v\r\nmd k q\r\nmn\r\n");

        Assert.That(replies, Does.StartWith("VALUE n 0 10 ").And.EndWith(
            "\r\n1000000000\r\nEND\r\nTOUCHED\r\nVALUE k 5 5\r\nhello\r\nEND\r\nDELETED\r\nVA 5\r\nhello\r\nMN\r\n"));
        Assert.That(_store.Count, Is.Zero);
    }

    [Test]
    public void Answers_meta_commands_with_an_error_even_when_quiet()
    {
        FullStore();

        var replies = _client.Send(
            "ms k 1 MA q\r\na\r\nma n q\r\nma missing N0\r\nmd k x\r\nmg missing N30 v\r\nmg missing N30 v q\r\nmn\r\n");

        Assert.That(replies, Is.EqualTo(
            "SERVER_ERROR out of memory storing object\r\nSERVER_ERROR out of memory\r\n" +
            "SERVER_ERROR Out of memory allocating new item\r\nSERVER_ERROR out of memory\r\nEN\r\nMN\r\n"));
        Assert.That(_client.Send("mg k v\r\n"), Is.EqualTo("VA 5\r\nhello\r\n"));
    }

    [Test]
    public void Drops_the_old_value_of_a_refused_meta_set_in_set_mode_only()
    {
        FullStore();

        var append = _client.Send("ms k 1 MA\r\na\r\nmg k v\r\n");
        var set = _client.Send("ms k 1\r\na\r\nmg k v\r\n");

        Assert.That(append, Is.EqualTo("SERVER_ERROR out of memory storing object\r\nVA 5\r\nhello\r\n"));
        Assert.That(set, Is.EqualTo("SERVER_ERROR out of memory storing object\r\nEN\r\n"));
    }

    [Test]
    public void Refuses_under_a_volatile_policy_when_no_key_has_a_time_to_live()
    {
        FullStore(EvictionPolicy.VolatileLru);

        var reply = _client.Send("set other 0 0 1\r\na\r\n");

        Assert.That(reply, Is.EqualTo("SERVER_ERROR out of memory storing object\r\n"));
        Assert.That(_store.EvictedKeys, Is.Zero);
    }

    [Test]
    public void Evicts_the_least_recently_used_key_on_set_and_counts_it_in_stats()
    {
        FullStore(EvictionPolicy.AllKeysLru, exactly: true);
        _client.Send("get k\r\n");

        var stored = _client.Send("set fresh 0 0 5\r\nworld\r\n");
        var read = _client.Send("get n k fresh\r\n");
        var stats = _client.Send("stats\r\n");

        Assert.That(stored, Is.EqualTo("STORED\r\n"));
        Assert.That(read, Is.EqualTo("VALUE k 5 5\r\nhello\r\nVALUE fresh 0 5\r\nworld\r\nEND\r\n"));
        Assert.That(stats, Does.Contain("STAT evictions 1\r\n").And.Contain("STAT curr_items 2\r\n")
            .And.Contain($"STAT bytes {_store.UsedMemory}\r\n").And.Contain($"STAT limit_maxbytes {_store.MaxMemory}\r\n"));
        Assert.That(_store.UsedMemory, Is.LessThanOrEqualTo(_store.MaxMemory));
    }

    [Test]
    public void Clears_evictions_on_stats_reset_while_the_store_keeps_its_count()
    {
        FullStore(EvictionPolicy.AllKeysLru, exactly: true);
        _client.Send("set fresh 0 0 5\r\nworld\r\n");

        _client.Send("stats reset\r\n");
        var stats = _client.Send("stats\r\n");

        Assert.That(stats, Does.Contain("STAT evictions 0\r\n"));
        Assert.That(_store.EvictedKeys, Is.EqualTo(1));
    }

    [Test]
    public void Reports_no_limit_as_zero_and_the_policy_in_stats_settings()
    {
        _store = new CacheStore(scheduler: _scheduler);
        _client = new MemcachedHarness(_store);
        _client.Send("set k 0 0 5\r\nhello\r\n");

        var stats = _client.Send("stats\r\n");
        var unlimited = _client.Send("stats settings\r\n");
        _store.MaxMemory = 64L * 1024 * 1024;
        _store.EvictionPolicy = EvictionPolicy.AllKeysLru;
        var limited = _client.Send("stats settings\r\n");

        Assert.That(stats, Does.Contain("STAT limit_maxbytes 0\r\n").And.Contain($"STAT bytes {_store.UsedMemory}\r\n"));
        Assert.That(_store.UsedMemory, Is.Positive);
        Assert.That(unlimited, Does.Contain("STAT maxbytes 0\r\n").And.Contain("STAT evictions off\r\n"));
        Assert.That(limited, Does.Contain("STAT maxbytes 67108864\r\n").And.Contain("STAT evictions on\r\n"));
    }
}
