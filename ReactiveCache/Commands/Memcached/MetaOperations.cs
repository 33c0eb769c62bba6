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
            entry = writer.SetMemcached(request.Key, [], expiresAtMs, MemcachedState.Of(0, winTokenSent: true), ChangeReason.Set);
            created = true;
        }

        var value = StoreWriter.Expect<StringValue>(entry, ValueKind.String).Bytes;
        if (request.TryNumber('T', out var ttl))
        {
            // A touch into the past expires the item; this reply still shows it as it was.
            writer.SetExpiry(entry, MemcachedExpiry.ToExpiresAtMs(ttl ?? 0, writer), ChangeReason.Touch);
        }

        var win = created ? "W" : Revalidation(writer, request, entry);
        var flags = MetaReturnFlags.Build(request, entry, writer.NowMs, win);
        return new MemcachedReply.Meta(request.Has('v') ? "VA" : "HD", flags, request.Has('v') ? value : null);
    }

    /// <summary>
    /// The revalidation flags in memcached's order: Z when the win token already went to someone, X when
    /// the item is stale, W to the first client that should recache it (stale, or TTL under R).
    /// </summary>
    private static string Revalidation(StoreWriter writer, MetaRequest request, CacheEntry entry)
    {
        var stale = entry.Memcached?.Stale ?? false;
        var tokenSent = entry.Memcached?.WinTokenSent ?? false;
        var recache = request.TryNumber('R', out var threshold) && threshold is { } seconds && entry.HasExpiry
            && MemcachedExpiry.RemainingSeconds(entry, writer.NowMs) < seconds;
        var wins = (stale || recache) && !tokenSent;
        if (wins && writer.TryGet(request.Key, out var live))
        {
            writer.SetMemcachedState(live, MemcachedState.Of(live.Flags, stale, winTokenSent: true));
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
