namespace ReactiveCache.Store.Values;

/// <summary>A byte string. Immutable: every write of a string stores a new one, so a copy is the same object.</summary>
internal sealed class StringValue(byte[] bytes) : CacheValue
{
    public static readonly StringValue Empty = new([]);

    public byte[] Bytes { get; } = bytes;

    public override ValueKind Kind => ValueKind.String;

    public override long Size => ObjectOverhead + Memory.MemoryFootprint.Array(Bytes.Length);

    public override CacheValue Copy() => this;

    /// <summary>APPEND, memcached append and prepend: one new array holding both parts.</summary>
    public static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var joined = GC.AllocateUninitializedArray<byte>(first.Length + second.Length);
        first.CopyTo(joined);
        second.CopyTo(joined.AsSpan(first.Length));
        return joined;
    }
}
