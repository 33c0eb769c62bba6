using System.Text;
using Microsoft.Reactive.Testing;
using NUnit.Framework;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// The memory limit and each eviction policy, in virtual time: which key goes, that the key a write just made never
/// does, that every eviction is a change of the write's batch, and what noeviction refuses.
/// </summary>
public sealed class EvictionSpecs
{
    private static readonly string s_value = new('v', 100);

    // Ten keys of one size fill the store exactly; the eleventh makes room by evicting one. Sample every key, so the
    // order is exact (a database with no more keys than the sample size has all of them ranked).
    private static (CacheStore Store, TestScheduler Clock) FullStore(EvictionPolicy policy, int keys = 10, TimeSpan? timeToLive = null, Func<int, bool>? withTtl = null)
    {
        var clock = new TestScheduler();
        var store = new CacheStore(new CacheStoreOptions { EvictionPolicy = policy, EvictionSamples = 64, LfuLogFactor = 0 }, clock);
        for (var i = 0; i < keys; i++)
        {
            store.Set($"k{i}", s_value, withTtl?.Invoke(i) ?? true ? timeToLive : null);
            clock.AdvanceBy(TimeSpan.TicksPerMillisecond);
        }

        store.MaxMemory = store.UsedMemory;
        return (store, clock);
    }

    private static IDisposable RecordEvictions(CacheStore store, List<string> into) =>
        store.Changes.Where(change => change.Kind == ChangeKind.Evicted).Subscribe(change => into.Add(change.KeyText));

    [Test]
    public void Allkeys_lru_evicts_the_key_used_longest_ago_even_within_one_millisecond()
    {
        var (store, _) = FullStore(EvictionPolicy.AllKeysLru);
        using var _store = store;
        var evicted = new List<string>();
        using var recording = RecordEvictions(store, evicted);

        // No time passes from here on: the stamps still order every access.
        foreach (var key in new[] { "k0", "k1", "k2", "k3", "k4" })
        {
            store.Get(key);
        }

        store.Set("new1", s_value);
        store.Set("new2", s_value);

        Assert.That(evicted, Is.EqualTo(new[] { "k5", "k6" }));
        Assert.That(store.UsedMemory, Is.LessThanOrEqualTo(store.MaxMemory));
        Assert.That(store.EvictedKeys, Is.EqualTo(2));
    }

    [Test]
    public void A_sparse_database_still_finds_its_keys_to_evict_where_random_samples_miss()
    {
        // 1000 slots with 5 keys: a table this small is never packed, so 20 random tries mostly hit free slots.
        using var store = new CacheStore(new CacheStoreOptions { EvictionPolicy = EvictionPolicy.AllKeysLru }, new TestScheduler());
        for (var i = 0; i < 1000; i++)
        {
            store.Set($"k{i}", s_value);
        }

        for (var i = 5; i < 1000; i++)
        {
            store.Delete($"k{i}");
        }

        store.MaxMemory = store.UsedMemory;
        for (var i = 0; i < 20; i++)
        {
            store.Set($"new{i}", s_value);
        }

        Assert.That(store.EvictedKeys, Is.EqualTo(20));
        Assert.That(store.UsedMemory, Is.LessThanOrEqualTo(store.MaxMemory));
    }

    [Test]
    public void A_write_never_evicts_the_key_it_just_wrote_even_under_random_eviction()
    {
        var (store, _) = FullStore(EvictionPolicy.AllKeysRandom, keys: 1);
        using var _store = store;

        store.Set("new", s_value);

        Assert.That(store.Get("new"), Is.EqualTo(s_value));
        Assert.That(store.Get("k0"), Is.Null);
        Assert.That(store.Count, Is.EqualTo(1));
    }

    [Test]
    public void Volatile_lru_evicts_only_keys_with_a_time_to_live_least_recently_used_first()
    {
        var (store, _) = FullStore(EvictionPolicy.VolatileLru, timeToLive: TimeSpan.FromHours(1), withTtl: i => i % 2 == 1);
        using var _store = store;
        var evicted = new List<string>();
        using var recording = RecordEvictions(store, evicted);
        store.Get("k1");

        for (var i = 0; i < 5; i++)
        {
            store.Set($"new{i}", s_value);
        }

        // As in Redis, the limit is checked before a write: the one that crosses it is taken, the next is refused.
        store.Set("crossing", s_value);

        Assert.That(evicted, Is.EqualTo(new[] { "k3", "k5", "k7", "k9", "k1" }));
        Assert.Throws<MemoryLimitExceededException>(() => store.Set("one-too-many", s_value));
        Assert.That(store.Get("k0"), Is.EqualTo(s_value), "keys without a time to live stay");
    }

    [Test]
    public void Volatile_ttl_evicts_the_key_due_soonest_and_never_one_without_a_time_to_live()
    {
        var clock = new TestScheduler();
        using var store = new CacheStore(new CacheStoreOptions { EvictionPolicy = EvictionPolicy.VolatileTtl }, clock);
        store.Set("later", s_value, TimeSpan.FromMinutes(30));
        store.Set("forever-a", s_value);
        store.Set("soonest", s_value, TimeSpan.FromMinutes(1));
        store.Set("forever-b", s_value);
        store.MaxMemory = store.UsedMemory;
        var evicted = new List<string>();
        using var recording = RecordEvictions(store, evicted);

        store.Set("x", s_value);
        store.Set("y", s_value);
        store.Set("crossing", s_value);
        var refused = Assert.Throws<MemoryLimitExceededException>(() => store.Set("z", s_value));

        Assert.That(evicted, Is.EqualTo(new[] { "soonest", "later" }));
        Assert.That(refused!.UsedMemory, Is.GreaterThan(refused.MaxMemory));
        Assert.That(store.Get("forever-a"), Is.EqualTo(s_value));
        Assert.That(store.Get("forever-b"), Is.EqualTo(s_value));
    }

    [Test]
    public void Allkeys_lfu_keeps_the_key_read_most_often()
    {
        var (store, _) = FullStore(EvictionPolicy.AllKeysLfu, keys: 3);
        using var _store = store;
        var evicted = new List<string>();
        using var recording = RecordEvictions(store, evicted);
        for (var i = 0; i < 5; i++)
        {
            store.Get("k0");
            store.Get("k2");
        }

        store.Get("k1");
        store.Get("k2");
        store.Set("new", s_value);

        Assert.That(evicted, Is.EqualTo(new[] { "k1" }));
    }

    [Test]
    public void Lfu_counters_decay_so_a_key_hot_an_hour_ago_goes_before_one_hot_now()
    {
        var (store, clock) = FullStore(EvictionPolicy.AllKeysLfu, keys: 2);
        using var _store = store;
        var evicted = new List<string>();
        using var recording = RecordEvictions(store, evicted);
        for (var i = 0; i < 20; i++)
        {
            store.Get("k0");
        }

        clock.AdvanceBy(TimeSpan.FromMinutes(60).Ticks);
        for (var i = 0; i < 3; i++)
        {
            store.Get("k1");
        }

        store.Set("new", s_value);

        Assert.That(evicted, Is.EqualTo(new[] { "k0" }));
    }

    [Test]
    public void Noeviction_refuses_writes_but_reads_and_deletes_go_on()
    {
        var (store, _) = FullStore(EvictionPolicy.NoEviction, keys: 2);
        using var _store = store;
        store.Set("k0", s_value + "crossing");

        Assert.Throws<MemoryLimitExceededException>(() => store.Set("new", s_value));
        Assert.Throws<MemoryLimitExceededException>(() => store.SetField("hash", "f", "v"));
        Assert.That(store.Get("k1"), Is.EqualTo(s_value));
        Assert.That(store.Delete("k1"), Is.True);
        store.Set("new", s_value);
        Assert.That(store.Get("new"), Is.EqualTo(s_value));
        Assert.That(store.EvictedKeys, Is.Zero);
    }

    [Test]
    public void Every_eviction_is_a_change_in_the_batch_of_the_write_that_caused_it()
    {
        var (store, _) = FullStore(EvictionPolicy.AllKeysLru, keys: 3);
        using var _store = store;
        var batches = new List<string>();
        using var subscription = store.Connect("*").Skip(1)
            .Subscribe(batch => batches.Add(string.Join(",", batch.Changes.Select(change => $"{change.Kind}:{change.Reason}:{change.KeyText}"))));

        store.Set("big", new string('v', 500));

        Assert.That(batches, Is.EqualTo(new[] { "Added:Set:big,Evicted:Evict:k0,Evicted:Evict:k1,Evicted:Evict:k2" }));
    }

    [Test]
    public void Lowering_the_limit_evicts_a_chunk_at_once_and_the_rest_in_chunks_a_millisecond_apart()
    {
        var clock = new TestScheduler();
        using var store = new CacheStore(new CacheStoreOptions { EvictionPolicy = EvictionPolicy.AllKeysLru, EvictionsPerWrite = 7 }, clock);
        for (var i = 0; i < 100; i++)
        {
            store.Set($"k{i}", s_value);
        }

        var batchSizes = new List<int>();
        using var subscription = store.Connect("*").Skip(1).Subscribe(batch => batchSizes.Add(batch.Changes.Count));
        store.MaxMemory = store.UsedMemory / 4;
        var atOnce = store.EvictedKeys;
        store.Set("meanwhile", s_value); // not refused while eviction runs: it would throw MemoryLimitExceededException
        clock.AdvanceBy(TimeSpan.TicksPerMillisecond);
        var afterOneMillisecond = store.EvictedKeys;
        clock.AdvanceBy(TimeSpan.TicksPerSecond);

        Assert.That(atOnce, Is.InRange(1, 14), "a write evicts one chunk as it begins and one as it ends");
        Assert.That(afterOneMillisecond, Is.GreaterThan(atOnce + 14), "the write meanwhile evicted its chunks, and the catch-up one more");
        Assert.That(afterOneMillisecond, Is.LessThan(75), "but not everything yet");
        Assert.That(store.Get("meanwhile"), Is.EqualTo(s_value));
        Assert.That(store.UsedMemory, Is.LessThanOrEqualTo(store.MaxMemory));
        Assert.That(store.Count, Is.InRange(20, 25));
        Assert.That(batchSizes, Has.All.LessThanOrEqualTo(15));
        Assert.That(batchSizes.Sum() - 1, Is.EqualTo(store.EvictedKeys), "every eviction was a change (and one Added)");
    }

    [Test]
    public void A_write_that_needs_more_than_one_chunk_leaves_the_rest_to_a_catch_up_on_the_scheduler()
    {
        var clock = new TestScheduler();
        using var store = new CacheStore(new CacheStoreOptions { EvictionPolicy = EvictionPolicy.AllKeysLru, EvictionsPerWrite = 5 }, clock);
        for (var i = 0; i < 50; i++)
        {
            store.Set($"k{i}", s_value);
        }

        store.MaxMemory = store.UsedMemory;
        store.Set("huge", new string('h', 40 * s_value.Length));
        var afterWrite = store.UsedMemory;
        clock.AdvanceBy(TimeSpan.TicksPerSecond);

        Assert.That(afterWrite, Is.GreaterThan(store.MaxMemory));
        Assert.That(store.UsedMemory, Is.LessThanOrEqualTo(store.MaxMemory));
        Assert.That(store.Get("huge"), Is.Not.Null);
    }

    [Test]
    public void Used_memory_returns_to_zero_when_every_key_has_gone_by_delete_expiry_hash_delete_and_flush()
    {
        var clock = new TestScheduler();
        using var store = new CacheStore(scheduler: clock);
        store.Set("plain", "value");
        store.Set("short", "value", TimeSpan.FromSeconds(1));
        store.SetFields("hash", [new("a", "1"), new("b", new string('x', 500))]);
        var full = store.UsedMemory;
        store.SetField("hash", "b", "small");
        var shrunk = store.UsedMemory;

        store.Delete("plain");
        clock.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);
        store.DeleteFields("hash", "a", "b");

        Assert.That(shrunk, Is.LessThan(full - 400));
        Assert.That(store.UsedMemory, Is.Zero);
        Assert.That(store.Count, Is.Zero);
    }

    [Test]
    public void Memory_usage_of_a_key_is_what_it_adds_to_used_memory()
    {
        using var store = new CacheStore(scheduler: new TestScheduler());
        store.Set("a", "1");
        var before = store.UsedMemory;

        store.Set("key", new string('x', 1000));

        Assert.That(store.MemoryUsage(Encoding.UTF8.GetBytes("key")), Is.EqualTo(store.UsedMemory - before));
        Assert.That(store.MemoryUsage(Encoding.UTF8.GetBytes("missing")), Is.Null);
    }
}
