using System.Reactive.Linq;
using System.Text;
using NUnit.Framework;
using ReactiveCache.Specs.Support;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// The contract persistence relies on: a store's changes from sequence 1, applied in order onto an empty store,
/// rebuild it exactly — every key's type, value or fields, expiry, memcached flags and marks, and version.
/// </summary>
public sealed class ReplayRebuildSpecs
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Replaying_a_long_random_mix_of_all_three_protocols_rebuilds_the_store(int seed)
    {
        using var redis = new RedisHarness();
        var memcached = new MemcachedHarness(redis.Store);
        using var native = new NativeHarness(store: redis.Store, scheduler: redis.Scheduler);
        var random = new Random(seed);
        var client = redis.Connect();
        for (var i = 0; i < 3000; i++)
        {
            RandomCommand(random, client, memcached, native, redis.Store);
            if (random.Next(50) == 0)
            {
                redis.Scheduler.AdvanceBy(TimeSpan.FromSeconds(random.Next(1, 20)).Ticks);
            }
        }

        // The mirror's clock is the source's now, as after a restart: expiries the log recorded have passed since.
        var clock = new Microsoft.Reactive.Testing.TestScheduler();
        clock.AdvanceTo(redis.Scheduler.Now.UtcTicks);
        using var mirror = new CacheStore(scheduler: clock);
        var last = redis.Store.LastSequence;
        var applied = 0L;
        using (redis.Store.ChangesSince(0).Subscribe(batch =>
               {
                   Assert.That(batch.Gap, Is.Null, "the replay buffer must hold the whole run");
                   foreach (var change in batch.Changes)
                   {
                       mirror.Apply(change);
                       applied = change.Sequence;
                   }
               }))
        {
            Assert.That(applied, Is.EqualTo(last));
        }

        Assert.That(last, Is.GreaterThan(2000), "the mix should change the store a lot");
        Assert.That(Dump(mirror), Is.EqualTo(Dump(redis.Store)));
        Assert.That(mirror.LastSequence, Is.EqualTo(last), "one change applied is one change recorded");
    }

    [Test]
    public void A_replay_onto_a_store_whose_clock_has_passed_the_recorded_expiries_takes_them_as_recorded()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("SET", "k", "v");
        client.Send("EXPIRE", "k", "10");
        client.Send("HSET", "h", "f1", "v");
        client.Send("EXPIRE", "h", "10");
        redis.Scheduler.AdvanceBy(TimeSpan.FromSeconds(5).Ticks);
        client.Send("PERSIST", "k");
        client.Send("PERSIST", "h");
        client.Send("HSET", "h", "f2", "v");
        redis.Scheduler.AdvanceBy(TimeSpan.FromSeconds(15).Ticks);

        var clock = new Microsoft.Reactive.Testing.TestScheduler();
        clock.AdvanceTo(redis.Scheduler.Now.UtcTicks);
        using var mirror = new CacheStore(scheduler: clock);
        using (redis.Store.ChangesSince(0).SelectMany(batch => batch.Changes).Subscribe(mirror.Apply))
        {
        }

        Assert.That(Dump(mirror), Is.EqualTo(Dump(redis.Store)));
        Assert.That(mirror.LastSequence, Is.EqualTo(redis.Store.LastSequence));
    }

    private static readonly string[] s_keys = ["a", "b", "c", "d", "n1", "n2", "h1", "h2"];

    private static void RandomCommand(Random random, RedisHarness.Client redis, MemcachedHarness memcached, NativeHarness native, CacheStore store)
    {
        var key = s_keys[random.Next(s_keys.Length)];
        var value = random.Next(3) == 0 ? random.Next(100).ToString() : "v" + random.Next(1000);
        var field = "f" + random.Next(6);
        var ttl = random.Next(1, 30).ToString();
        switch (random.Next(24))
        {
            case 0: redis.Send("SET", key, value); break;
            case 1: redis.Send("SET", key, value, "EX", ttl); break;
            case 2: redis.Send("SET", key, value, "KEEPTTL"); break;
            case 3: redis.Send("APPEND", key, value); break;
            case 4: redis.Send("INCRBY", key, random.Next(-5, 5).ToString()); break;
            case 5: redis.Send("DEL", key); break;
            case 6: redis.Send("EXPIRE", key, random.Next(-1, 30).ToString()); break;
            case 7: redis.Send("PERSIST", key); break;
            case 8: redis.Send("RENAME", key, s_keys[random.Next(s_keys.Length)]); break;
            case 9: redis.Send("COPY", key, s_keys[random.Next(s_keys.Length)], "REPLACE"); break;
            case 10: redis.Send("SETRANGE", key, random.Next(5).ToString(), value); break;
            case 11: memcached.Send($"set {key} {random.Next(3)} {ttl} {value.Length}\r\n{value}\r\n"); break;
            case 12: memcached.Send($"append {key} 0 0 {value.Length}\r\n{value}\r\n"); break;
            case 13: memcached.Send($"incr {key} {random.Next(5)}\r\n"); break;
            case 14: memcached.Send($"touch {key} {random.Next(-1, 30)}\r\n"); break;
            case 15: memcached.Send($"md {key} I T{ttl}\r\n"); break;
            case 16: memcached.Send($"mg {key} N{ttl} v\r\n"); break;
            case 17: native.Send($"PUT {key} {value}"); break;
            case 18: native.Send($"EXPIRE {key} {random.Next(-1, 30)}"); break;
            case 19: native.Send($"DEL {key}"); break;
            case 20 or 21: TryHash(() => store.SetFields(key, [new(field, value), new("f" + random.Next(6), value)])); break;
            case 22: TryHash(() => store.DeleteFields(key, field, "f" + random.Next(6))); break;
            default: memcached.Send($"delete {key}\r\n"); break;
        }
    }

    private static void TryHash(Action write)
    {
        try
        {
            write();
        }
        catch (WrongTypeException)
        {
            // The key holds a string: nothing changed, as the store promises.
        }
    }

    // Every entry as the store holds it, past its expiry or not: what a rebuilt store must hold too.
    private static string[] Dump(CacheStore store) =>
        store.Write(0, static (writer, _) => writer.Entries
            .Select(pair => Describe(pair.Value))
            .Order(StringComparer.Ordinal)
            .ToArray());

    private static string Describe(CacheEntry entry)
    {
        var value = entry.Value switch
        {
            StringValue text => Encoding.UTF8.GetString(text.Bytes),
            HashValue hash => string.Join(",", hash.Fields.Select(field => $"{Encoding.UTF8.GetString(field.Name)}={Encoding.UTF8.GetString(field.Value!)}").Order(StringComparer.Ordinal)),
            _ => throw new InvalidOperationException(),
        };
        return $"{Encoding.UTF8.GetString(entry.Key)} {entry.Kind} [{value}] exp={entry.ExpiresAtMs} mc={entry.Memcached} v{entry.Version}";
    }
}
