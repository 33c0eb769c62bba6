using ReactiveCache.Protocols.Memcached;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// The memcached commands' names as the metrics' <c>command</c> tag gives them (the words clients send), and which
/// one a parsed request is. A fixed table: no request makes a new name.
/// </summary>
internal static class MemcachedCommandNames
{
    /// <summary>Every name, indexed by <see cref="IndexOf"/>.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "get", "gets", "gat", "gats", "set", "add", "replace", "append", "prepend", "cas", "delete", "incr", "decr",
        "touch", "flush_all", "stats", "version", "verbosity", "quit", "mg", "ms", "md", "ma", "mn", "me",
    ];

    private const int Set = 4;
    private const int Delete = 10;
    private const int MetaGet = 19;

    /// <summary>The command's index in <see cref="All"/>, or -1 for a request that is not one (an error, a value too large).</summary>
    public static int IndexOf(MemcachedCommand command) => command switch
    {
        MemcachedCommand.Retrieve retrieve => (retrieve.TouchExptime is null ? 0 : 2) + (retrieve.WithCas ? 1 : 0),
        MemcachedCommand.Store store => Set + (int)store.Mode,
        MemcachedCommand.Delete => Delete,
        MemcachedCommand.Arithmetic arithmetic => arithmetic.Increment ? 11 : 12,
        MemcachedCommand.Touch => 13,
        MemcachedCommand.FlushAll => 14,
        MemcachedCommand.Stats => 15,
        MemcachedCommand.Version => 16,
        MemcachedCommand.Verbosity => 17,
        MemcachedCommand.Quit => 18,
        MemcachedCommand.Meta meta => MetaGet + (int)meta.Request.Verb,
        _ => -1,
    };
}
