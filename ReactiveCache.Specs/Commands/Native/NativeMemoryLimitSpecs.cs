using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Native;

/// <summary>
/// The store's one memory limit seen through the native protocol: PUT refused with <c>ERR out of memory</c> under
/// noeviction while reads, expiry changes and deletes go on; evictions reaching a WATCH as <c>evicted</c> lines in the
/// batch of the write that caused them; STATS reporting the memory figures under Redis's INFO names.
/// </summary>
public sealed class NativeMemoryLimitSpecs : ReactiveTest
{
    private static NativeHarness Native(EvictionPolicy policy)
    {
        var scheduler = new TestScheduler();
        var store = new CacheStore(new CacheStoreOptions { EvictionPolicy = policy, EvictionSamples = 64 }, scheduler);
        return new NativeHarness(store: store, scheduler: scheduler);
    }

    [Test]
    public void Refuses_PUT_when_full_under_noeviction_while_reads_and_deletes_go_on()
    {
        using var native = Native(EvictionPolicy.NoEviction);
        var store = native.Store;
        native.Send("PUT a 1", "PUT b 2");
        store.MaxMemory = 1;

        var full = native.Send("PUT c 3", "PUT a 9", "GET a", "EXPIRE a 60", "TTL a", "PERSIST a", "DEL a", "DEL b");
        var emptied = native.Send("PUT c 3", "GET c");

        Assert.That(full, Is.EqualTo("ERR out of memory\r\nERR out of memory\r\nVALUE 1\r\nOK\r\nTTL 60\r\nOK\r\nDELETED\r\nDELETED\r\n"));
        Assert.That(emptied, Is.EqualTo("OK\r\nVALUE 3\r\n"));
    }

    [Test]
    public void A_watcher_sees_the_evictions_of_a_put_in_the_same_batch()
    {
        using var native = Native(EvictionPolicy.AllKeysLru);
        var store = native.Store;
        native.Send("PUT old1 aaaa", "PUT old2 bbbb", "PUT old3 cccc");
        store.MaxMemory = store.UsedMemory;
        native.Send("GET old1");

        var received = native.Send("WATCH *", "PUT new1 dddd", "PUT new2 eeee");

        Assert.That(received, Is.EqualTo(
            "WATCHING * 3\r\nOK\r\nOK\r\n" +
            "CHANGE 4 set new1 dddd\r\nCHANGE 5 evicted old2\r\nCHANGE 6 set new2 eeee\r\nCHANGE 7 evicted old3\r\n"));
        Assert.That(store.EvictedKeys, Is.EqualTo(2));
    }

    [Test]
    public void Reports_memory_figures_in_STATS()
    {
        using var native = Native(EvictionPolicy.AllKeysLru);
        var store = native.Store;
        native.Send("PUT a 1", "PUT b 2");
        store.MaxMemory = store.UsedMemory;
        native.Send("PUT c 3");

        var stats = native.Send("STATS");

        Assert.That(stats, Does.Contain($"STAT used_memory {store.UsedMemory}\r\n")
            .And.Contain($"STAT maxmemory {store.MaxMemory}\r\n")
            .And.Contain("STAT maxmemory_policy allkeys-lru\r\n")
            .And.Contain("STAT evicted_keys 1\r\n")
            .And.Contain($"STAT replay_memory {store.ReplayMemory}\r\n")
            .And.EndWith("END\r\n"));
        Assert.That(store.ReplayMemory, Is.Positive);
    }
}
