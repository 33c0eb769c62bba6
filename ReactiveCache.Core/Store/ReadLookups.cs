namespace ReactiveCache.Store;

/// <summary>
/// Whether the lookups running on this thread are a read command's, which Redis counts as keyspace hits and misses
/// (lookupKeyRead in db.c; a write command's lookups, the server's own and other protocols' are not counted).
/// </summary>
/// <remarks>
/// The store's lookups do not know which command they serve, and threading a flag through every command's
/// <c>Write</c> would touch each of them. A Redis read command's handler looks its keys up synchronously, on the thread
/// that runs it, under the store's lock; so the session marks that thread for the length of the handler, and a
/// lookup reads the mark. The mark is per thread and per call, not state two servers share.
/// </remarks>
internal static class ReadLookups
{
    [ThreadStatic]
    private static bool t_counted;

    public static bool Counted => t_counted;

    /// <summary>Marks (or unmarks) this thread's lookups as a read command's; returns the mark it had, for <see cref="Restore"/>.</summary>
    public static bool Begin(bool counted)
    {
        var outer = t_counted;
        t_counted = counted;
        return outer;
    }

    /// <summary>Puts back the mark of the command this one ran inside (EXEC's).</summary>
    public static void Restore(bool outer) => t_counted = outer;
}
