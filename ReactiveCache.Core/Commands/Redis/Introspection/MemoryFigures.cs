using System.Diagnostics;
using ReactiveCache.Store.Memory;

namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>
/// The memory figures INFO memory and MEMORY STATS share (getMemoryOverheadData in object.c): the store's own
/// accounting (used, peak, per-key bookkeeping as overhead, the rest as dataset), beside the runtime's (managed
/// heap as the allocator's figures, working set as RSS).
/// </summary>
internal sealed record MemoryFigures(
    long Used,
    long Peak,
    long Max,
    long Rss,
    long Heap,
    long Committed,
    long SystemMemory,
    long NotCountedForEvict,
    IReadOnlyList<(int Database, int Keys, long MainOverhead, long ExpiresOverhead)> Databases)
{
    public long Keys => Databases.Sum(database => (long)database.Keys);

    public long Overhead => Databases.Sum(database => database.MainOverhead + database.ExpiresOverhead);

    public long Dataset => Math.Max(0, Used - Overhead);

    public double DatasetPercentage => Used == 0 ? 0 : Dataset * 100.0 / Used;

    public double PeakPercentage => Peak == 0 ? 0 : Used * 100.0 / Peak;

    public long BytesPerKey => Keys == 0 ? 0 : Used / Keys;

    /// <summary>RSS over what the allocator (the managed heap) holds, as Redis divides RSS by zmalloc's figure.</summary>
    public double Fragmentation => Heap == 0 ? 0 : (double)Rss / Heap;

    public static MemoryFigures Of(RedisServer server)
    {
        var store = server.Databases[0];
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        var databases = new List<(int, int, long, long)>();
        for (var index = 0; index < server.Databases.Count; index++)
        {
            var (keys, expires, _) = KeyspaceFigures.Of(server.Databases[index]);
            if (keys > 0 || expires > 0)
            {
                databases.Add((index, keys, keys * MemoryFootprint.EntryOverhead, expires * MemoryFootprint.ExpiryOverhead));
            }
        }

        return new MemoryFigures(store.UsedMemory, Math.Max(store.PeakUsedMemory, store.UsedMemory), store.MaxMemory, process.WorkingSet64,
            GC.GetTotalMemory(forceFullCollection: false), gc.TotalCommittedBytes, gc.TotalAvailableMemoryBytes, store.ReplayMemory, databases);
    }
}
