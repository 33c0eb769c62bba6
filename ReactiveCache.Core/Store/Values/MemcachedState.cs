namespace ReactiveCache.Store.Values;

/// <summary>
/// What memcached keeps beside a value: the client's opaque flags and the stale-while-revalidate marks of the meta
/// commands. An entry has none (null) until a memcached client sets some, so the other protocols pay nothing; a
/// Redis or native write keeps the flags it never set and clears the marks (a write is a recache).
/// </summary>
internal sealed record MemcachedState(uint Flags, bool Stale = false, bool WinTokenSent = false)
{
    /// <summary>What remains after a write through another protocol: the flags, no marks; null when nothing is left.</summary>
    public static MemcachedState? AfterWrite(MemcachedState? state) =>
        state is null || state.Flags == 0 ? null : state.Stale || state.WinTokenSent ? new(state.Flags) : state;

    /// <summary>The state for a client's flags, or null when they are the default (0, no marks).</summary>
    public static MemcachedState? Of(uint flags, bool stale = false, bool winTokenSent = false) =>
        flags == 0 && !stale && !winTokenSent ? null : new(flags, stale, winTokenSent);

    public MemcachedMetadata ToMetadata() => new(Flags, Stale, WinTokenSent);
}
