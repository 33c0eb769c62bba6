using ReactiveCache.Store;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// <c>ms</c>, <c>md</c> and <c>ma</c>: the classic storage, delete and arithmetic commands with the meta
/// flags (mode M, compare-and-swap C, invalidation I, vivify N, TTL T, client flags F) and return codes
/// HD, NS, EX, NF. With <c>q</c> the nominal answers are left out.
/// </summary>
internal static class MetaStorage
{
    private static readonly MemcachedReply s_badMode = new MemcachedReply.Line(MemcachedErrors.BadMode);

    public static MemcachedReply Set(StoreWriter writer, MetaRequest request)
    {
        if (!TryMode(request.Token('M'), out var mode))
        {
            return s_badMode;
        }

        var exists = writer.TryGet(request.Key, out var entry);
        // Unsigned, as memcached reads it: a CAS above 2^63 is compared, not mistaken for no CAS at all.
        request.TryUnsigned('C', out var compareCas);
        var invalidate = request.Has('I');
        var marks = EntryMarks.None;
        if (compareCas is { } cas && exists && cas != entry.Cas)
        {
            // I: a set carrying an older CAS than the item's still lands, but only as a stale value.
            if (!(invalidate && cas < entry.Cas))
            {
                return Code(request, "EX", entry, writer.NowMs);
            }

            marks = EntryMarks.Stale;
        }

        if (compareCas is not null && !exists)
        {
            return Code(request, "NF", null, writer.NowMs);
        }

        var concatenates = mode is StoreMode.Append or StoreMode.Prepend;
        if (!exists && concatenates && request.TryNumber('N', out var vivify))
        {
            entry = writer.Put(request.Key, [], MemcachedExpiry.ToExpiresAtMs(vivify ?? 0, writer), 0, ChangeReason.Set);
            exists = true;
        }

        if ((mode == StoreMode.Add && exists) || (mode is StoreMode.Replace or StoreMode.Append or StoreMode.Prepend && !exists))
        {
            return Code(request, "NS", null, writer.NowMs);
        }

        var data = request.Data!;
        var value = mode switch
        {
            StoreMode.Append => [.. entry.Value, .. data],
            StoreMode.Prepend => [.. data, .. entry.Value],
            _ => data,
        };
        request.TryNumber('F', out var flags);
        request.TryNumber('T', out var ttl);
        var expiresAtMs = concatenates ? entry.ExpiresAtMs : MemcachedExpiry.ToExpiresAtMs(ttl ?? 0, writer);
        var reason = mode switch { StoreMode.Append => ChangeReason.Append, StoreMode.Prepend => ChangeReason.Prepend, _ => ChangeReason.Set };
        var stored = MemcachedStorage.Put(writer, request.Key, value, expiresAtMs, concatenates ? entry.Flags : (uint)(flags ?? 0), reason);
        if (stored is not null && marks != EntryMarks.None)
        {
            stored = writer.Mark(request.Key, stored, marks);
        }

        return Code(request, "HD", stored, writer.NowMs);
    }

    public static MemcachedReply Delete(StoreWriter writer, MetaRequest request)
    {
        if (!writer.TryGet(request.Key, out var entry))
        {
            return Code(request, "NF", null, writer.NowMs);
        }

        if (request.TryUnsigned('C', out var cas) && (cas ?? 0) != entry.Cas)
        {
            return Code(request, "EX", entry, writer.NowMs);
        }

        if (request.Has('I'))
        {
            // Invalidate: keep serving the value, flagged stale, until someone recaches it.
            if (request.TryNumber('T', out var ttl))
            {
                entry = MemcachedStorage.Put(writer, request.Key, entry.Value, MemcachedExpiry.ToExpiresAtMs(ttl ?? 0, writer), entry.Flags, ChangeReason.Touch) ?? entry;
            }

            writer.Mark(request.Key, entry, EntryMarks.Stale);
        }
        else if (request.Has('x'))
        {
            writer.Put(request.Key, [], entry.ExpiresAtMs, 0, ChangeReason.Set);
        }
        else
        {
            writer.Remove(request.Key, ChangeKind.Removed, ChangeReason.Delete);
        }

        return Code(request, "HD", null, writer.NowMs);
    }

    public static MemcachedReply Arithmetic(StoreWriter writer, MetaRequest request)
    {
        var increment = request.Token('M') is null or "I" or "i" or "+";
        if (!increment && request.Token('M') is not ("D" or "d" or "-"))
        {
            return new MemcachedReply.Line(MemcachedErrors.BadCommandLine);
        }

        if (!writer.TryGet(request.Key, out var entry))
        {
            if (!request.TryNumber('N', out var vivify))
            {
                return Code(request, "NF", null, writer.NowMs);
            }

            var initial = ulong.TryParse(request.Token('J'), out var seed) ? seed : 0;
            var created = writer.Put(request.Key, MemcachedStorage.FormatCounter(initial), MemcachedExpiry.ToExpiresAtMs(vivify ?? 0, writer), 0, ChangeReason.Increment);
            return Counted(request, created, writer.NowMs);
        }

        if (request.TryUnsigned('C', out var cas) && (cas ?? 0) != entry.Cas)
        {
            return Code(request, "EX", entry, writer.NowMs);
        }

        if (!MemcachedStorage.TryReadCounter(entry.Value, out var current))
        {
            return new MemcachedReply.Line(MemcachedErrors.NonNumeric);
        }

        var delta = ulong.TryParse(request.Token('D'), out var given) ? given : 1;
        var next = increment ? unchecked(current + delta) : current < delta ? 0 : current - delta;
        var expiresAtMs = request.TryNumber('T', out var ttl) ? MemcachedExpiry.ToExpiresAtMs(ttl ?? 0, writer) : entry.ExpiresAtMs;
        var updated = writer.Put(request.Key, MemcachedStorage.FormatCounter(next), expiresAtMs, entry.Flags, ChangeReason.Increment);
        return Counted(request, updated, writer.NowMs);
    }

    private static MemcachedReply Counted(MetaRequest request, CacheEntry entry, long nowMs) =>
        request.Has('v')
            ? new MemcachedReply.Meta("VA", MetaReturnFlags.Build(request, entry, nowMs), entry.Value)
            : Code(request, "HD", entry, nowMs);

    /// <summary>A code line with its return flags; under <c>q</c>, HD and NF (the nominal answers) are silent.</summary>
    private static MemcachedReply Code(MetaRequest request, string code, CacheEntry? entry, long nowMs) =>
        request.Has('q') && code is "HD" or "NF"
            ? MemcachedReply.Silent
            : new MemcachedReply.Meta(code, MetaReturnFlags.Build(request, entry, nowMs), null);

    private static bool TryMode(string? token, out StoreMode mode)
    {
        mode = token switch
        {
            null or "S" or "s" => StoreMode.Set,
            "E" or "e" => StoreMode.Add,
            "A" or "a" => StoreMode.Append,
            "P" or "p" => StoreMode.Prepend,
            "R" or "r" => StoreMode.Replace,
            _ => StoreMode.Cas,
        };
        return mode != StoreMode.Cas;
    }
}
