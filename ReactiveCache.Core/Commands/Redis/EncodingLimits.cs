namespace ReactiveCache.Commands.Redis;

/// <summary>
/// One server's encoding tunables (CONFIG GET/SET <c>hash-max-listpack-entries</c> and the rest of
/// <see cref="EncodingTunable.All"/>): when a small hash, list, set or sorted set stops being a listpack or
/// intset. OBJECT ENCODING answers by them. Read without locks from any session; each value is one atomic field.
/// </summary>
internal sealed class EncodingLimits
{
    private readonly long[] _values = EncodingTunable.All.Select(tunable => tunable.Default).ToArray();

    /// <summary>Most fields a hash may have and still be a listpack.</summary>
    public long HashMaxListpackEntries => this[Tunable(0)];

    /// <summary>Longest field or value, in bytes, a listpack hash may hold.</summary>
    public long HashMaxListpackValue => this[Tunable(1)];

    /// <summary>Redis's list-max-listpack-size: positive, entries per quicklist node; -1 to -5, 4 KB to 64 KB per node.</summary>
    public int ListMaxListpackSize => (int)this[Tunable(2)];

    /// <summary>Quicklist nodes at each end left uncompressed; 0 compresses none.</summary>
    public int ListCompressDepth => (int)this[Tunable(3)];

    /// <summary>Most integers a set may have and still be an intset.</summary>
    public long SetMaxIntsetEntries => this[Tunable(4)];

    /// <summary>Most members a sorted set may have and still be a listpack.</summary>
    public long ZsetMaxListpackEntries => this[Tunable(5)];

    /// <summary>Longest member, in bytes, a listpack sorted set may hold.</summary>
    public long ZsetMaxListpackValue => this[Tunable(6)];

    public long this[EncodingTunable tunable]
    {
        get => Volatile.Read(ref _values[tunable.Index]);
        set => Volatile.Write(ref _values[tunable.Index], value);
    }

    private static EncodingTunable Tunable(int index) => EncodingTunable.All[index];
}
