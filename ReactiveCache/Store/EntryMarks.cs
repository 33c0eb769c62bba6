namespace ReactiveCache.Store;

/// <summary>
/// Per-entry bits that memcached's meta commands keep for stale-while-revalidate; any write of the key
/// clears them, because it replaces the entry.
/// </summary>
[Flags]
internal enum EntryMarks
{
    None = 0,

    /// <summary>Invalidated (<c>md key I</c>, <c>ms ... I</c>): still served, flagged <c>X</c>, until rewritten.</summary>
    Stale = 1,

    /// <summary>One client has been handed the win token (<c>W</c>) to recache it; the others see <c>Z</c>.</summary>
    WinTokenSent = 2,
}
