namespace ReactiveCache.Protocols.Memcached;

/// <summary>What the server answers to a memcached request, independent of its spelling on the wire.</summary>
internal abstract record MemcachedReply
{
    public static readonly MemcachedReply Stored = new Line("STORED");
    public static readonly MemcachedReply NotStored = new Line("NOT_STORED");
    public static readonly MemcachedReply Exists = new Line("EXISTS");
    public static readonly MemcachedReply NotFound = new Line("NOT_FOUND");
    public static readonly MemcachedReply Deleted = new Line("DELETED");
    public static readonly MemcachedReply Touched = new Line("TOUCHED");
    public static readonly MemcachedReply Ok = new Line("OK");
    public static readonly MemcachedReply End = new Line("END");
    public static readonly MemcachedReply Reset = new Line("RESET");

    /// <summary>Nothing goes on the wire (noreply, quiet meta commands).</summary>
    public static readonly MemcachedReply Silent = new Nothing();

    /// <summary>Nothing goes on the wire and the server closes the connection (quit).</summary>
    public static readonly MemcachedReply Close = new Closing();

    /// <summary>A fixed line; the text is encoded once and reused.</summary>
    public sealed record Line(string Text) : MemcachedReply
    {
        public byte[] Bytes { get; } = System.Text.Encoding.ASCII.GetBytes(Text + "\r\n");
    }

    public sealed record Nothing : MemcachedReply;

    public sealed record Closing : MemcachedReply;

    /// <summary>The result of incr/decr.</summary>
    public sealed record Number(ulong Result) : MemcachedReply;

    /// <summary>One hit then <c>END</c> (the common single-key get).</summary>
    public sealed record Value(MemcachedItem Item, bool WithCas) : MemcachedReply;

    /// <summary>Every hit then <c>END</c>.</summary>
    public sealed record Values(IReadOnlyList<MemcachedItem> Items, bool WithCas) : MemcachedReply;

    /// <summary>Lines already in memcached's words (a page of a key dump), written as they are.</summary>
    public sealed record Raw(byte[] Bytes) : MemcachedReply;

    public sealed record StatList(IReadOnlyList<KeyValuePair<string, string>> Stats) : MemcachedReply;

    /// <summary>A meta reply: a two-letter code, return flags, and for <c>VA</c> a data block.</summary>
    public sealed record Meta(string Code, string Flags, byte[]? Data) : MemcachedReply;
}
