using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>
/// maxmemory as the Redis protocol shows it: -OOM before denyoom commands (and inside MULTI) as Redis 7.0's
/// processCommand, CONFIG GET/SET of the memory settings, INFO memory, and OBJECT IDLETIME/FREQ on virtual time.
/// </summary>
public sealed class MemoryLimitSpecs
{
    private const string Oom = "-OOM command not allowed when used memory > 'maxmemory'.\r\n";

    [Test]
    public void Under_noeviction_a_full_store_refuses_writes_while_reads_and_deletes_go_on()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("SET", "a", new string('x', 2000));
        client.Send("SET", "b", "1");

        var limit = client.Send("CONFIG", "SET", "maxmemory", "100");
        var set = client.Send("SET", "c", "1");
        var append = client.Send("APPEND", "b", "2");
        var get = client.Send("GET", "b");
        var del = client.Send("DEL", "a");
        var expire = client.Send("EXPIRE", "b", "100");

        Assert.That(limit, Is.EqualTo("+OK\r\n"));
        Assert.That(set, Is.EqualTo(Oom));
        Assert.That(append, Is.EqualTo(Oom));
        Assert.That(get, Is.EqualTo("$1\r\n1\r\n"));
        Assert.That(del, Is.EqualTo(":1\r\n"));
        Assert.That(expire, Is.EqualTo(":1\r\n"));
        Assert.That(client.Send("INFO", "commandstats"), Does.Contain("cmdstat_set:calls=2,").And.Contain("rejected_calls=1,"));
    }

    [Test]
    public void A_write_queued_while_full_aborts_the_transaction()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("SET", "a", new string('x', 2000));
        client.Send("CONFIG", "SET", "maxmemory", "100");

        var multi = client.Send("MULTI");
        var queuedSet = client.Send("SET", "b", "1");
        var queuedGet = client.Send("GET", "a");
        var exec = client.Send("EXEC");

        Assert.That(multi, Is.EqualTo("+OK\r\n"));
        Assert.That(queuedSet, Is.EqualTo(Oom));
        Assert.That(queuedGet, Is.EqualTo(Oom), "Redis 7.0 refuses any command but EXEC/DISCARD/QUIT/RESET queued while out of memory");
        Assert.That(exec, Is.EqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n"));
    }

    [Test]
    public void Exec_of_a_queued_write_once_full_aborts_naming_oom_and_leaves_multi()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        var admin = redis.Connect();
        client.Send("SET", "a", new string('x', 2000));
        client.Send("MULTI");
        client.Send("SET", "b", "1");

        admin.Send("CONFIG", "SET", "maxmemory", "100");
        var exec = client.Send("EXEC");
        var after = client.Send("EXEC");

        Assert.That(exec, Is.EqualTo("-EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.\r\n"));
        Assert.That(after, Is.EqualTo("-ERR EXEC without MULTI\r\n"));
        Assert.That(client.Send("EXISTS", "b"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void Exec_of_reads_only_runs_while_full()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        var admin = redis.Connect();
        client.Send("SET", "a", new string('x', 2000));
        client.Send("MULTI");
        client.Send("STRLEN", "a");

        admin.Send("CONFIG", "SET", "maxmemory", "100");

        Assert.That(client.Send("EXEC"), Is.EqualTo("*1\r\n:2000\r\n"));
    }

    [Test]
    public void Lowering_maxmemory_under_allkeys_lru_evicts_at_once_and_counts_the_evictions()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        for (var i = 0; i < 50; i++)
        {
            client.Send("SET", $"key:{i}", new string('v', 500));
        }

        var policy = client.Send("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
        var limit = client.Send("CONFIG", "SET", "maxmemory", "10kb");

        Assert.That(policy, Is.EqualTo("+OK\r\n"));
        Assert.That(limit, Is.EqualTo("+OK\r\n"));
        Assert.That(redis.Store.UsedMemory, Is.LessThanOrEqualTo(10 * 1024));
        Assert.That(client.Send("CONFIG", "GET", "maxmemory"), Is.EqualTo("*2\r\n$9\r\nmaxmemory\r\n$5\r\n10240\r\n"));
        Assert.That(client.Send("INFO", "stats"), Does.Contain($"evicted_keys:{redis.Store.EvictedKeys}\r\n"));
        Assert.That(redis.Store.EvictedKeys, Is.GreaterThan(0));
        Assert.That(client.Send("SET", "new", "1"), Is.EqualTo("+OK\r\n"));
    }

    [TestCase("noeviction")]
    [TestCase("allkeys-lru")]
    [TestCase("volatile-lru")]
    [TestCase("allkeys-lfu")]
    [TestCase("volatile-lfu")]
    [TestCase("allkeys-random")]
    [TestCase("volatile-random")]
    [TestCase("volatile-ttl")]
    public void Every_policy_name_round_trips_through_config(string name)
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        var set = client.Send("CONFIG", "SET", "maxmemory-policy", name.ToUpperInvariant());

        Assert.That(set, Is.EqualTo("+OK\r\n"));
        Assert.That(client.Send("CONFIG", "GET", "maxmemory-policy"), Is.EqualTo($"*2\r\n$16\r\nmaxmemory-policy\r\n${name.Length}\r\n{name}\r\n"));
        Assert.That(client.Send("INFO", "memory"), Does.Contain($"maxmemory_policy:{name}\r\n"));
    }

    [TestCase("maxmemory-policy", "lru", "argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction")]
    [TestCase("maxmemory", "lots", "argument must be a memory value")]
    [TestCase("maxmemory", "-1", "argument must be a memory value")]
    [TestCase("maxmemory-samples", "0", "argument must be between 1 and 64 inclusive")]
    [TestCase("maxmemory-samples", "65", "argument must be between 1 and 64 inclusive")]
    [TestCase("lfu-log-factor", "-1", "argument must be between 0 and 2147483647 inclusive")]
    [TestCase("lfu-decay-time", "x", "argument couldn't be parsed into an integer")]
    public void Bad_memory_settings_get_redis_errors(string name, string value, string reason)
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        var reply = client.Send("CONFIG", "SET", name, value);

        Assert.That(reply, Is.EqualTo($"-ERR CONFIG SET failed (possibly related to argument '{name}') - {reason}\r\n"));
    }

    [Test]
    public void The_eviction_tunables_are_read_and_changed_live()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        var set = client.Send("CONFIG", "SET", "maxmemory-samples", "10", "lfu-log-factor", "20", "lfu-decay-time", "3", "maxmemory", "2mb");

        Assert.That(set, Is.EqualTo("+OK\r\n"));
        Assert.That((redis.Store.EvictionSamples, redis.Store.LfuLogFactor, redis.Store.LfuDecayMinutes, redis.Store.MaxMemory), Is.EqualTo((10, 20, 3, 2L * 1024 * 1024)));
        Assert.That(client.Send("CONFIG", "GET", "maxmemory-samples"), Is.EqualTo("*2\r\n$17\r\nmaxmemory-samples\r\n$2\r\n10\r\n"));
        Assert.That(client.Send("CONFIG", "GET", "lfu-decay-time"), Is.EqualTo("*2\r\n$14\r\nlfu-decay-time\r\n$1\r\n3\r\n"));
    }

    [Test]
    public void Info_memory_reports_the_stores_accounting_and_the_limit()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("CONFIG", "SET", "maxmemory", "1gb");
        client.Send("SET", "k", new string('v', 3000));

        var info = client.Send("INFO", "memory");

        Assert.That(info, Does.Contain($"used_memory:{redis.Store.UsedMemory}\r\n"));
        Assert.That(info, Does.Contain("maxmemory:1073741824\r\nmaxmemory_human:1.00G\r\n"));
        Assert.That(info, Does.Contain("used_memory_rss:").And.Contain("used_memory_peak:").And.Contain("mem_fragmentation_ratio:"));
        Assert.That(info, Does.Contain($"mem_not_counted_for_evict:{redis.Store.ReplayMemory}\r\n"));
    }

    [TestCase(0, "0B")]
    [TestCase(1023, "1023B")]
    [TestCase(1024, "1.00K")]
    [TestCase(1536, "1.50K")]
    [TestCase(64L * 1024 * 1024, "64.00M")]
    [TestCase(3L * 1024 * 1024 * 1024 * 1024, "3.00T")]
    public void Sizes_are_shown_as_redis_bytes_to_human_does(long bytes, string human) =>
        Assert.That(ReactiveCache.Commands.Redis.MemoryInfo.BytesToHuman(bytes), Is.EqualTo(human));

    [Test]
    public void Object_idletime_grows_with_virtual_time_and_does_not_touch()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("SET", "k", "v");

        redis.Scheduler.AdvanceBy(TimeSpan.FromSeconds(7).Ticks);
        var idle = client.Send("OBJECT", "IDLETIME", "k");
        redis.Scheduler.AdvanceBy(TimeSpan.FromSeconds(3).Ticks);
        var later = client.Send("OBJECT", "IDLETIME", "k");
        client.Send("GET", "k");
        var touched = client.Send("OBJECT", "IDLETIME", "k");

        Assert.That(idle, Is.EqualTo(":7\r\n"));
        Assert.That(later, Is.EqualTo(":10\r\n"));
        Assert.That(touched, Is.EqualTo(":0\r\n"));
        Assert.That(client.Send("OBJECT", "IDLETIME", "missing"), Is.EqualTo("$-1\r\n"));
    }

    [Test]
    public void Touch_counts_as_a_use()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("SET", "k", "v");
        redis.Scheduler.AdvanceBy(TimeSpan.FromSeconds(5).Ticks);

        var touch = client.Send("TOUCH", "k");

        Assert.That(touch, Is.EqualTo(":1\r\n"));
        Assert.That(client.Send("OBJECT", "IDLETIME", "k"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void Object_freq_answers_under_lfu_and_errors_otherwise_as_redis()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("SET", "k", "v");

        var underLru = client.Send("OBJECT", "FREQ", "k");
        client.Send("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
        var idleUnderLfu = client.Send("OBJECT", "IDLETIME", "k");
        var fresh = client.Send("OBJECT", "FREQ", "k");
        for (var i = 0; i < 100; i++)
        {
            client.Send("GET", "k");
        }

        var used = client.Send("OBJECT", "FREQ", "k");

        Assert.That(underLru, Does.StartWith("-ERR An LFU maxmemory policy is not selected, access frequency not tracked."));
        Assert.That(idleUnderLfu, Does.StartWith("-ERR An LFU maxmemory policy is selected, idle time not tracked."));
        Assert.That(fresh, Is.EqualTo(":5\r\n"));
        Assert.That(int.Parse(used.TrimStart(':'), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(5));
    }

    [Test]
    public void Restore_sets_idle_time_under_lru_and_the_counter_under_lfu()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        var payload = System.Text.Encoding.Latin1.GetString(Convert.FromHexString(DumpCommandSpecs.RedisHashPayload));

        // The store's access clock starts with the store: an idle time is representable once it has run that long.
        redis.Scheduler.AdvanceBy(TimeSpan.FromHours(1).Ticks);

        var idle = client.Send(["RESTORE", "idle", "0", payload, "IDLETIME", "300"]);
        var idleTime = client.Send("OBJECT", "IDLETIME", "idle");
        client.Send("CONFIG", "SET", "maxmemory-policy", "volatile-lfu");
        var freq = client.Send(["RESTORE", "freq", "0", payload, "FREQ", "42"]);

        Assert.That(idle, Is.EqualTo("+OK\r\n"));
        Assert.That(idleTime, Is.EqualTo(":300\r\n"));
        Assert.That(freq, Is.EqualTo("+OK\r\n"));
        Assert.That(client.Send("OBJECT", "FREQ", "freq"), Is.EqualTo(":42\r\n"));
    }
}
