using ReactiveCache.Store;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// The meta commands (protocol.txt, "Meta Commands") as store operations, each atomic under the store's
/// lock. Stale-while-revalidate rides on two entry marks: <c>Stale</c> (set by invalidation) and
/// <c>WinTokenSent</c> (so exactly one client gets <c>W</c> and the rest <c>Z</c>).
/// </summary>
internal static class MetaOperations
{
    private static readonly MemcachedReply s_noOp = new MemcachedReply.Meta("MN", "", null);
    private static readonly MemcachedReply s_miss = new MemcachedReply.Meta("EN", "", null);

    public static MemcachedReply Execute(CacheStore store, MemcachedStatistics statistics, MetaRequest request)
    {
        statistics.Add(MemcachedStatistics.Counter.MetaCommands);
        if (request.Verb == MetaVerb.NoOp)
        {
            return s_noOp;
        }

        if (MetaTokens.Validate(request) is { } invalid)
        {
            return new MemcachedReply.Line(invalid);
        }

        return request.Verb switch
        {
            MetaVerb.Get => store.Write(request, static (writer, request) => Get(writer, request)),
            MetaVerb.Set => store.Write(request, static (writer, request) => MetaStorage.Set(writer, request)),
            MetaVerb.Delete => store.Write(request, static (writer, request) => MetaStorage.Delete(writer, request)),
            MetaVerb.Arithmetic => store.Write(request, static (writer, request) => MetaStorage.Arithmetic(writer, request)),
            _ => store.Write(request, static (writer, request) => Debug(writer, request)),
        };
    }

    private static MemcachedReply Get(StoreWriter writer, MetaRequest request)
    {
        var created = false;
        if (!writer.TryGet(request.Key, out var entry))
        {
            // N<ttl>: vivify on miss. The placeholder is empty and its creator wins the right to fill it.
            if (!request.TryNumber('N', out var vivify))
            {
                return request.Has('q') ? MemcachedReply.Silent : s_miss;
            }

            var expiresAtMs = MemcachedExpiry.ToExpiresAtMs(vivify ?? 0, writer);
            entry = writer.Put(request.Key, [], expiresAtMs, 0, ChangeReason.Set);
            entry = writer.Mark(request.Key, entry, EntryMarks.WinTokenSent);
            created = true;
        }

        if (request.TryNumber('T', out var ttl))
        {
            entry = MemcachedStorage.Put(writer, request.Key, entry.Value, MemcachedExpiry.ToExpiresAtMs(ttl ?? 0, writer), entry.Flags, ChangeReason.Touch)
                ?? entry;
        }

        var win = created ? "W" : Revalidation(writer, request, ref entry);
        var flags = MetaReturnFlags.Build(request, entry, writer.NowMs, win);
        return new MemcachedReply.Meta(request.Has('v') ? "VA" : "HD", flags, request.Has('v') ? entry.Value : null);
    }

    /// <summary>
    /// The revalidation flags in memcached's order: Z when the win token already went to someone, X when
    /// the item is stale, W to the first client that should recache it (stale, or TTL under R).
    /// </summary>
    private static string Revalidation(StoreWriter writer, MetaRequest request, ref CacheEntry entry)
    {
        var stale = entry.Marks.HasFlag(EntryMarks.Stale);
        var tokenSent = entry.Marks.HasFlag(EntryMarks.WinTokenSent);
        var recache = request.TryNumber('R', out var threshold) && threshold is { } seconds && entry.HasExpiry
            && MemcachedExpiry.RemainingSeconds(entry, writer.NowMs) < seconds;
        var wins = (stale || recache) && !tokenSent;
        if (wins)
        {
            entry = writer.Mark(request.Key, entry, entry.Marks | EntryMarks.WinTokenSent);
        }

        return (tokenSent ? "Z" : "") + (stale ? "X" : "") + (wins ? "W" : "");
    }

    private static MemcachedReply Debug(StoreWriter writer, MetaRequest request)
    {
        if (!writer.TryGet(request.Key, out var entry))
        {
            return s_miss;
        }

        var key = System.Text.Encoding.ASCII.GetString(request.Key);
        var exp = MemcachedExpiry.RemainingSeconds(entry, writer.NowMs);
        return new MemcachedReply.Meta("ME", $"{key} exp={exp} la=0 cas={entry.Cas} fetch=no cls=1 size={entry.Value.Length}", null);
    }
}
