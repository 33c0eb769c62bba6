using ReactiveCache.Protocols.Memcached;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

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
    private static readonly MemcachedReply s_outOfMemoryStoring = new MemcachedReply.Line(MemcachedErrors.OutOfMemoryStoring);
    private static readonly MemcachedReply s_outOfMemory = new MemcachedReply.Line(MemcachedErrors.OutOfMemory);

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

        try
        {
            return request.Verb switch
            {
                MetaVerb.Get => store.Write(request, static (writer, request) => Get(writer, request)),
                MetaVerb.Set => store.Write(request, static (writer, request) => MetaStorage.Set(writer, request)),
                MetaVerb.Delete => store.Write(request, static (writer, request) => MetaStorage.Delete(writer, request)),
                MetaVerb.Arithmetic => store.Write(request, static (writer, request) => MetaStorage.Arithmetic(writer, request)),
                _ => store.Write(request, static (writer, request) => Debug(writer, request)),
            };
        }
        catch (MemoryLimitExceededException)
        {
            return OutOfMemory(store, statistics, request);
        }
    }

    /// <summary>
    /// The store is full and its policy may evict nothing, as memcached -M answers (proto_text.c): an error line even
    /// under <c>q</c> (meta commands show errors always, <c>out_errstring</c>); <c>ms</c> in set mode drops the key's
    /// old value as memcached unlinks it, so no stale value outlives a refused set; <c>mg</c> that could not create its
    /// placeholder (<c>N</c>) is a miss, as memcached's failed allocation is.
    /// </summary>
    private static MemcachedReply OutOfMemory(CacheStore store, MemcachedStatistics statistics, MetaRequest request)
    {
        switch (request.Verb)
        {
            case MetaVerb.Get:
                return request.Has('q') ? MemcachedReply.Silent : s_miss;
            case MetaVerb.Set:
                statistics.Add(MemcachedStatistics.Counter.StoreNoMemory);
                if (request.Token('M') is null or "S" or "s")
                {
                    store.Write(request.Key, static (writer, key) => MemcachedStorage.Delete(writer, key));
                }

                return s_outOfMemoryStoring;
            default:
                return s_outOfMemory;
        }
    }

    // One change at most, whatever the flags: the vivified placeholder with its TTL and token, or the touch and the
    // token handed out together.
    private static MemcachedReply Get(StoreWriter writer, MetaRequest request)
    {
        long? touchTo = request.TryNumber('T', out var ttl) ? MemcachedExpiry.ToExpiresAtMs(ttl ?? 0, writer) : null;
        string win;
        if (!writer.TryGet(request.Key, out var entry))
        {
            // N<ttl>: vivify on miss. The placeholder is empty and its creator wins the right to fill it.
            if (!request.TryNumber('N', out var vivify))
            {
                return request.Has('q') ? MemcachedReply.Silent : s_miss;
            }

            var expiresAtMs = touchTo ?? MemcachedExpiry.ToExpiresAtMs(vivify ?? 0, writer);
            if (MemcachedStorage.Put(writer, request.Key, [], expiresAtMs, MemcachedState.Of(0, winTokenSent: true), ChangeReason.Set) is not { } created)
            {
                return request.Has('q') ? MemcachedReply.Silent : s_miss;
            }

            entry = created;
            win = "W";
        }
        else
        {
            StoreWriter.Expect<StringValue>(entry, ValueKind.String);
            win = Revalidate(writer, request, entry, touchTo);
        }

        var flags = MetaReturnFlags.Build(request, entry, writer.NowMs, win);
        return new MemcachedReply.Meta(request.Has('v') ? "VA" : "HD", flags, request.Has('v') ? entry.Bytes : null);
    }

    /// <summary>
    /// The revalidation flags in memcached's order: Z when the win token already went to someone, X when the item is
    /// stale, W to the first client that should recache it (stale, or a TTL under R, judged after T's touch). The touch
    /// and the token are one change; a touch into the past expires the item, and this reply still shows it as it was.
    /// </summary>
    private static string Revalidate(StoreWriter writer, MetaRequest request, CacheEntry entry, long? touchTo)
    {
        var stale = entry.Memcached?.Stale ?? false;
        var tokenSent = entry.Memcached?.WinTokenSent ?? false;
        var expiresAtMs = touchTo ?? entry.ExpiresAtMs;
        var recache = request.TryNumber('R', out var threshold) && threshold is { } seconds && expiresAtMs != CacheEntry.NoExpiry
            && MemcachedExpiry.RemainingSeconds(expiresAtMs, writer.NowMs) < seconds;
        var wins = (stale || recache) && !tokenSent;
        if (wins)
        {
            writer.SetMemcachedState(entry, MemcachedState.Of(entry.Flags, stale, winTokenSent: true), touchTo);
        }
        else if (touchTo is { } at)
        {
            writer.SetExpiry(entry, at, ChangeReason.Touch);
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
        var size = StoreWriter.Expect<StringValue>(entry, ValueKind.String).Bytes.Length;
        return new MemcachedReply.Meta("ME", $"{key} exp={exp} la=0 cas={entry.Version} fetch=no cls=1 size={size}", null);
    }
}
