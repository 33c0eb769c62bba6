using System.Text;
using CsCheck;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Store;
using ReactiveCache.Store.Memory;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// Whatever commands run, in any database, <c>used_memory</c> is exactly the sum of every live key's footprint, the
/// keys with a time to live are exactly the volatile slots, and under an evicting policy the total is within the
/// limit at every commit.
/// </summary>
public sealed class MemoryAccountingProperties
{
    private static readonly Gen<(int Op, int Key, int Length, int Database)> s_commands =
        Gen.Select(Gen.Int[0, 11], Gen.Int[0, 40], Gen.Int[0, 600], Gen.Int[0, 2], (op, key, length, database) => (op, key, length, database));

    [Test]
    public void Used_memory_is_the_sum_of_the_live_footprints_after_any_commands() =>
        s_commands.Array[1, 400].Sample(commands => Run(commands, maxMemory: 0));

    [Test]
    public void Under_allkeys_lru_the_keys_fit_the_limit_at_every_commit() =>
        s_commands.Array[1, 400].Sample(commands => Run(commands, maxMemory: 12_000, EvictionPolicy.AllKeysLru));

    [Test]
    public void Under_volatile_lfu_only_keys_with_a_time_to_live_are_evicted() =>
        s_commands.Array[1, 400].Sample(commands => Run(commands, maxMemory: 12_000, EvictionPolicy.VolatileLfu));

    private static void Run((int Op, int Key, int Length, int Database)[] commands, long maxMemory, EvictionPolicy policy = EvictionPolicy.NoEviction)
    {
        var clock = new TestScheduler();
        using var database0 = new CacheStore(new CacheStoreOptions { MaxMemory = maxMemory, EvictionPolicy = policy }, clock);
        CacheStore[] databases = [database0, new CacheStore(database0, 1), new CacheStore(database0, 2)];
        var evictedWithoutTtl = 0;
        var evicted = 0;
        using var watch = new System.Reactive.Disposables.CompositeDisposable(databases.Select(database =>
            database.Changes.Where(change => change.Kind == ChangeKind.Evicted).Subscribe(change =>
            {
                evicted++;
                evictedWithoutTtl += change.ExpiresAt is null ? 1 : 0;
            })));
        foreach (var (op, keyNumber, length, number) in commands)
        {
            var store = databases[number];
            var key = Encoding.ASCII.GetBytes("k" + keyNumber);
            var value = new byte[length];
            try
            {
                Execute(store, databases[(number + 1) % databases.Length], op, key, value, clock);
            }
            catch (WrongTypeException)
            {
            }
            catch (MemoryLimitExceededException)
            {
                Assert.That(policy, Is.Not.EqualTo(EvictionPolicy.AllKeysLru), "allkeys-lru always finds something to evict");
            }

            var (used, sum, volatileConsistent) = Audit(databases);
            Assert.That(used, Is.EqualTo(sum), $"after op {op} on k{keyNumber}");
            Assert.That(volatileConsistent, Is.True);
            if (policy == EvictionPolicy.AllKeysLru)
            {
                Assert.That(used, Is.LessThanOrEqualTo(maxMemory + 600 + 1_000), "within the limit, but for the last write's own keys");
            }
        }

        foreach (var store in databases)
        {
            store.Write(0, static (writer, _) => writer.Clear());
        }

        Assert.That(database0.UsedMemory, Is.Zero);
        Assert.That(evicted, Is.EqualTo(database0.EvictedKeys));
        if (policy.IsVolatile())
        {
            Assert.That(evictedWithoutTtl, Is.Zero);
        }
    }

    private static void Execute(CacheStore store, CacheStore other, int op, byte[] key, byte[] value, TestScheduler clock)
    {
        var text = Encoding.ASCII.GetString(key);
        switch (op)
        {
            case 0: store.Set(key, value); break;
            case 1: store.Set(key, value, TimeSpan.FromSeconds(value.Length % 7 + 1)); break;
            case 2: store.Delete(key); break;
            case 3: store.SetField(text, "f" + (value.Length % 5), new string('h', value.Length)); break;
            case 4: store.DeleteFields(text, "f" + (value.Length % 5)); break;
            case 5: store.Expire(text, TimeSpan.FromMilliseconds(value.Length)); break;
            case 6: store.Write(key, static (writer, key) => writer.TryGet(key, out var entry) && writer.SetExpiry(entry, CacheEntry.NoExpiry, ChangeReason.Persist)); break;
            case 7: clock.AdvanceBy(TimeSpan.FromMilliseconds(value.Length * 3).Ticks); break;
            case 8:
                store.Write((Key: key, Value: value), static (writer, state) =>
                    writer.SetMemcached(state.Key, state.Value, CacheEntry.NoExpiry, ReactiveCache.Store.Values.MemcachedState.Of((uint)state.Value.Length), ChangeReason.Set));
                break;
            case 9:
                // MOVE: out of one database, into the next, as one command.
                store.Write((Key: key, Target: other), static (writer, state) =>
                {
                    if (writer.TryGet(state.Key, out var entry))
                    {
                        var (value, expiry, memcached) = (entry.Value, entry.ExpiresAtMs, entry.Memcached);
                        writer.Remove(state.Key, ChangeKind.Removed, ChangeReason.MoveFrom);
                        state.Target.Write((Key: state.Key, Value: value, Expiry: expiry, Memcached: memcached), static (target, moved) =>
                            target.Place(moved.Key, moved.Value, moved.Expiry, moved.Memcached, ChangeReason.MoveTo));
                    }

                    return 0;
                });
                break;
            case 10: store.Get(text); break;
            default: store.Write(0, static (writer, _) => writer.Clear()); break;
        }
    }

    private static (long Used, long Sum, bool VolatileConsistent) Audit(CacheStore[] databases)
    {
        long sum = 0;
        var consistent = true;
        foreach (var store in databases)
        {
            store.Write(0, (writer, _) =>
            {
                var volatileKeys = 0;
                foreach (var (_, entry) in writer.Entries)
                {
                    sum += MemoryFootprint.Of(entry);
                    consistent &= entry.Footprint == MemoryFootprint.Of(entry);
                    consistent &= entry.HasExpiry == (entry.VolatileSlot >= 0) && (!entry.HasExpiry || ReferenceEquals(writer.VolatileSlots.At(entry.VolatileSlot), entry.Key));
                    volatileKeys += entry.HasExpiry ? 1 : 0;
                }

                consistent &= writer.VolatileSlots.Count == volatileKeys;
                return 0;
            });
        }

        return (databases[0].UsedMemory, sum, consistent);
    }
}
