namespace ReactiveCache.Protocols.Memcached;

/// <summary>
/// A memcached text-protocol request, independent of its spelling on the wire. Keys are validated by the
/// parser (1–250 bytes, no control characters), values are the data block, copied once by the framer.
/// </summary>
internal abstract record MemcachedCommand
{
    /// <summary>set, add, replace, append, prepend and cas.</summary>
    public sealed record Store(StoreMode Mode, byte[] Key, uint Flags, long Exptime, byte[] Value, ulong CasUnique, bool NoReply)
        : MemcachedCommand;

    /// <summary>get and gets (no exptime), gat and gats (with one).</summary>
    public sealed record Retrieve(IReadOnlyList<byte[]> Keys, bool WithCas, long? TouchExptime) : MemcachedCommand;

    public sealed record Delete(byte[] Key, bool NoReply) : MemcachedCommand;

    public sealed record Arithmetic(byte[] Key, ulong Delta, bool Increment, bool NoReply) : MemcachedCommand;

    public sealed record Touch(byte[] Key, long Exptime, bool NoReply) : MemcachedCommand;

    public sealed record FlushAll(long DelaySeconds, bool NoReply) : MemcachedCommand;

    /// <summary><c>stats [group [arg arg]]</c>: at most two arguments are kept (cachedump's slab and limit), the rest ignored as memcached does.</summary>
    public sealed record Stats(string? Group, IReadOnlyList<string> Arguments) : MemcachedCommand
    {
        public Stats(string? group)
            : this(group, [])
        {
        }
    }

    /// <summary><c>lru_crawler &lt;subcommand&gt; [argument]</c>; only <c>metadump</c> does anything here.</summary>
    public sealed record LruCrawler(string? Subcommand, string? Argument) : MemcachedCommand;

    public sealed record Version : MemcachedCommand;

    public sealed record Verbosity(bool NoReply) : MemcachedCommand;

    public sealed record Quit : MemcachedCommand;

    /// <summary>One of the meta commands (mg, ms, md, ma, mn, me).</summary>
    public sealed record Meta(MetaRequest Request) : MemcachedCommand;

    /// <summary>
    /// A set whose value is over the size limit: refused, and the key's old value is dropped so no client
    /// reads data the writer meant to replace (memcached does the same for set and ms).
    /// </summary>
    public sealed record TooLarge(byte[] Key) : MemcachedCommand;

    /// <summary>A request that was understood well enough to answer with an error; the session goes on.</summary>
    public sealed record Invalid(string Reply) : MemcachedCommand;

    public static readonly MemcachedCommand VersionRequest = new Version();
    public static readonly MemcachedCommand QuitRequest = new Quit();
}
