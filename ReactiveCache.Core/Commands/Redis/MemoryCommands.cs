using System.Globalization;
using ReactiveCache.Commands.Redis.Introspection;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// MEMORY STATS, DOCTOR, MALLOC-STATS, PURGE and HELP, and MEMORY USAGE key [SAMPLES count]: the bytes a key and its value take, exactly as they count toward
/// <c>used_memory</c> and <c>maxmemory</c> (<see cref="Store.Memory.MemoryFootprint"/>). Redis samples big collections; the estimate
/// here is exact in the number of fields, so SAMPLES is checked and otherwise ignored.
/// </summary>
internal static class MemoryCommands
{
    public static RedisReply Usage(RedisSession session, byte[][] args)
    {
        for (var i = 3; i < args.Length; i++)
        {
            // object.c: SAMPLES needs a count that is a non-negative integer; anything else is a syntax error.
            if (!RedisArgs.Is(args[i], "SAMPLES") || i + 1 >= args.Length)
            {
                return RedisReply.Syntax;
            }

            if (!RedisArgs.TryInteger(args[++i], out var samples))
            {
                return RedisReply.NotInteger;
            }

            if (samples < 0)
            {
                return RedisReply.Syntax;
            }
        }

        return session.Store.MemoryUsage(args[2]) is { } bytes ? RedisReply.Of(bytes) : RedisReply.NullBulk;
    }

    // memoryCommand's STATS: Redis's names, in its order; what this server has none of is 0.
    public static RedisReply Stats(RedisSession session, byte[][] args)
    {
        var memory = MemoryFigures.Of(session.Server);
        var pairs = new List<KeyValuePair<RedisReply, RedisReply>>
        {
            Pair("peak.allocated", RedisReply.Of(memory.Peak)),
            Pair("total.allocated", RedisReply.Of(memory.Used)),
            Pair("startup.allocated", RedisReply.Zero),
            Pair("replication.backlog", RedisReply.Zero),
            Pair("clients.slaves", RedisReply.Zero),
            Pair("clients.normal", RedisReply.Zero),
            Pair("cluster.links", RedisReply.Zero),
            Pair("aof.buffer", RedisReply.Zero),
            Pair("lua.caches", RedisReply.Zero),
            Pair("functions.caches", RedisReply.Zero),
        };
        foreach (var (database, _, main, expires) in memory.Databases)
        {
            pairs.Add(Pair($"db.{database}", new RedisReply.Map([
                Pair("overhead.hashtable.main", RedisReply.Of(main)),
                Pair("overhead.hashtable.expires", RedisReply.Of(expires)),
                Pair("overhead.hashtable.slot-to-keys", RedisReply.Zero),
            ])));
        }

        pairs.AddRange([
            Pair("overhead.total", RedisReply.Of(memory.Overhead)),
            Pair("keys.count", RedisReply.Of(memory.Keys)),
            Pair("keys.bytes-per-key", RedisReply.Of(memory.BytesPerKey)),
            Pair("dataset.bytes", RedisReply.Of(memory.Dataset)),
            Pair("dataset.percentage", new RedisReply.Double(memory.DatasetPercentage)),
            Pair("peak.percentage", new RedisReply.Double(memory.PeakPercentage)),
            Pair("allocator.allocated", RedisReply.Of(memory.Heap)),
            Pair("allocator.active", RedisReply.Of(memory.Committed)),
            Pair("allocator.resident", RedisReply.Of(memory.Rss)),
            Pair("allocator-fragmentation.ratio", new RedisReply.Double(memory.Heap == 0 ? 0 : (double)memory.Committed / memory.Heap)),
            Pair("allocator-fragmentation.bytes", RedisReply.Of(Math.Max(0, memory.Committed - memory.Heap))),
            Pair("allocator-rss.ratio", new RedisReply.Double(memory.Committed == 0 ? 0 : (double)memory.Rss / memory.Committed)),
            Pair("allocator-rss.bytes", RedisReply.Of(memory.Rss - memory.Committed)),
            Pair("rss-overhead.ratio", new RedisReply.Double(1)),
            Pair("rss-overhead.bytes", RedisReply.Zero),
            Pair("fragmentation", new RedisReply.Double(memory.Fragmentation)),
            Pair("fragmentation.bytes", RedisReply.Of(memory.Rss - memory.Heap)),
        ]);
        return new RedisReply.Map(pairs);
    }

    // getMemoryDoctorReport, briefly: what is worth saying with the figures this server has.
    public static RedisReply Doctor(RedisSession session, byte[][] args)
    {
        var memory = MemoryFigures.Of(session.Server);
        if (memory.Used < 5 * 1024 * 1024)
        {
            return new RedisReply.Verbatim("Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n");
        }

        var findings = new List<string>();
        if (memory.Peak > memory.Used * 3 / 2)
        {
            findings.Add(string.Format(CultureInfo.InvariantCulture, " * Peak memory: In the past this instance used more than 150% the memory that is currently using ({0} now, peak {1}).",
                MemoryInfo.BytesToHuman(memory.Used), MemoryInfo.BytesToHuman(memory.Peak)));
        }

        if (memory.Fragmentation > 1.4)
        {
            findings.Add(string.Format(CultureInfo.InvariantCulture, " * High process overhead: the resident set is {0:F2} times the managed heap; the runtime keeps memory it may return later.", memory.Fragmentation));
        }

        if (memory.Max > 0 && memory.Used > memory.Max * 9 / 10)
        {
            findings.Add(" * Near the limit: used_memory is above 90% of maxmemory; the eviction policy is doing the work (see evicted_keys).");
        }

        return new RedisReply.Verbatim(findings.Count == 0
            ? "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n"
            : "Sam, I detected a few issues in this ReactiveCache instance memory implants:\n\n" + string.Join("\n", findings) + "\n");
    }

    // No jemalloc here: the runtime's own view of its heap stands in for the allocator's.
    public static RedisReply MallocStats(RedisSession session, byte[][] args)
    {
        var gc = GC.GetGCMemoryInfo();
        return new RedisReply.Verbatim(string.Format(CultureInfo.InvariantCulture,
            "Stats not supported for the current allocator (the .NET garbage collector).\nheap_size={0}\ncommitted={1}\nfragmented={2}\ngen0_collections={3}\ngen1_collections={4}\ngen2_collections={5}\n",
            gc.HeapSizeBytes, gc.TotalCommittedBytes, gc.FragmentedBytes, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)));
    }

    // jemalloc's purge returns dirty pages; the closest is a compacting collection that may give memory back. It runs
    // on the thread pool, as a blocking full collection on a connection's thread would stall its other clients, and
    // one at a time: a client repeating PURGE queues no more. (The heap is the process's, so the flag is too.)
    public static RedisReply Purge(RedisSession session, byte[][] args)
    {
        if (Interlocked.Exchange(ref s_purging, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static _ =>
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                Volatile.Write(ref s_purging, 0);
            }, null);
        }

        return RedisReply.Ok;
    }

    private static int s_purging;

    public static RedisReply Help(RedisSession session, byte[][] args) => HelpReply.For("memory",
        "DOCTOR",
        "    Return memory problems reports.",
        "MALLOC-STATS",
        "    Return internal statistics report from the memory allocator.",
        "PURGE",
        "    Attempt to purge dirty pages for reclamation by the allocator.",
        "STATS",
        "    Return information about the memory usage of the server.",
        "USAGE <key> [SAMPLES <count>]",
        "    Return memory in bytes used by <key> and its value. Nested values are",
        "    sampled up to <count> times (default: 5, 0 means sample all).");

    private static KeyValuePair<RedisReply, RedisReply> Pair(string name, RedisReply value) => new(RedisReply.Of(name), value);
}
