using ReactiveCache.Protocols.Memcached;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// <c>ms</c>, <c>md</c> and <c>ma</c>: the classic storage, delete and arithmetic commands with the meta
/// flags (mode M, compare-and-swap C, invalidation I, vivify N, TTL T, client flags F) and return codes
/// HD, NS, EX, NF. With <c>q</c> the nominal answers are left out. Each is one change of its key.
/// </summary>
internal static class MetaStorage
{
    private static readonly MemcachedReply s_badMode = new MemcachedReply.Line(MemcachedErrors.BadMode);
    private static readonly MemcachedReply s_outOfMemoryNewItem = new MemcachedReply.Line(MemcachedErrors.OutOfMemoryNewItem);

    public static MemcachedReply Set(StoreWriter writer, MetaRequest request)
    {
        if (!TryMode(request.Token('M'), out var mode))
        {
            return s_badMode;
        }

        var exists = writer.TryGet(request.Key, out var entry);
        // Unsigned, as memcached reads it: a CAS above 2^63 is compared, not mistaken for no CAS at all.
        request.TryUnsigned('C', out var compareCas);
        var stale = false;
        if (compareCas is { } cas && exists && cas != entry.Version)
        {
            // I: a set carrying an older CAS than the item's still lands, but only as a stale value.
            if (!(request.Has('I') && cas < entry.Version))
            {
                return Code(request, "EX", entry, writer.NowMs);
            }

            stale = true;
        }

        if (compareCas is not null && !exists)
        {
            return Code(request, "NF", null, writer.NowMs);
        }

        // N with append or prepend: a miss creates the item from the data, with N's TTL.
        var concatenates = StoreModes.Concatenates(mode);
        var vivified = !exists && concatenates && request.TryNumber('N', out _);
        if (!vivified && StoreModes.Refuses(mode, exists))
        {
            return Code(request, "NS", null, writer.NowMs);
        }

        var current = exists && concatenates ? StoreWriter.Expect<StringValue>(entry, ValueKind.String).Bytes : [];
        var value = StoreModes.Combine(mode, current, request.Data!);
        request.TryNumber('F', out var flags);
        request.TryNumber(vivified ? 'N' : 'T', out var ttl);
        var expiresAtMs = concatenates && exists ? entry.ExpiresAtMs : MemcachedExpiry.ToExpiresAtMs(ttl ?? 0, writer);
        var state = MemcachedState.Of(concatenates ? (exists ? entry.Flags : 0) : (uint)(flags ?? 0), stale);
        var stored = MemcachedStorage.Put(writer, request.Key, value, expiresAtMs, state, StoreModes.ReasonOf(mode), expiryGiven: (!concatenates || vivified) && (ttl ?? 0) != 0);
        return Code(request, "HD", stored, writer.NowMs);
    }

    public static MemcachedReply Delete(StoreWriter writer, MetaRequest request)
    {
        if (!writer.TryGet(request.Key, out var entry))
        {
            return Code(request, "NF", null, writer.NowMs);
        }

        if (request.TryUnsigned('C', out var cas) && (cas ?? 0) != entry.Version)
        {
            return Code(request, "EX", entry, writer.NowMs);
        }

        if (request.Has('I') || request.Has('x'))
        {
            // Both concern the value (mark it stale, or empty it): a hash has none in memcached's sense.
            StoreWriter.Expect<StringValue>(entry, ValueKind.String);
        }

        if (request.Has('I'))
        {
            // Invalidate: keep serving the value, flagged stale, until someone recaches it; T also sets its TTL.
            long? expiresAtMs = request.TryNumber('T', out var ttl) ? MemcachedExpiry.ToExpiresAtMs(ttl ?? 0, writer) : null;
            writer.SetMemcachedState(entry, MemcachedState.Of(entry.Flags, stale: true), expiresAtMs);
        }
        else if (request.Has('x'))
        {
            // x: the value (and its client flags) go, the item stays.
            writer.SetMemcached(request.Key, [], entry.ExpiresAtMs, state: null, ChangeReason.Set);
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

        if (!writer.TryGetString(request.Key, out var entry, out var value))
        {
            if (!request.TryNumber('N', out var vivify))
            {
                return Code(request, "NF", null, writer.NowMs);
            }

            // memcached words a counter it could not create apart from one it could not update.
            if (writer.RefusesGrowth)
            {
                return s_outOfMemoryNewItem;
            }

            var initial = ulong.TryParse(request.Token('J'), out var seed) ? seed : 0;
            var created = writer.SetMemcached(
                request.Key, Counters.Format(initial), MemcachedExpiry.ToExpiresAtMs(vivify ?? 0, writer), state: null, ChangeReason.Increment);
            return Counted(request, created, writer.NowMs);
        }

        if (request.TryUnsigned('C', out var cas) && (cas ?? 0) != entry.Version)
        {
            return Code(request, "EX", entry, writer.NowMs);
        }

        if (!Counters.TryParseUnsigned(value, out var current))
        {
            return new MemcachedReply.Line(MemcachedErrors.NonNumeric);
        }

        var delta = ulong.TryParse(request.Token('D'), out var given) ? given : 1;
        var next = Counters.Step(current, delta, increment);
        var expiresAtMs = request.TryNumber('T', out var ttl) ? MemcachedExpiry.ToExpiresAtMs(ttl ?? 0, writer) : entry.ExpiresAtMs;
        var updated = writer.SetMemcached(request.Key, Counters.Format(next), expiresAtMs, MemcachedState.AfterWrite(entry.Memcached), ChangeReason.Increment);
        return Counted(request, updated, writer.NowMs);
    }

    private static MemcachedReply Counted(MetaRequest request, CacheEntry entry, long nowMs) =>
        request.Has('v')
            ? new MemcachedReply.Meta("VA", MetaReturnFlags.Build(request, entry, nowMs), entry.Bytes)
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
