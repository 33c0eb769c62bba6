using ReactiveCache.Protocols.Memcached;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// The classic memcached commands as store mutations. Each method runs under the store's lock (through
/// <c>CacheStore.Write</c>), so check-and-set, add, incr and append are atomic, and every write is one
/// change on the store's change stream, whichever protocol reads it next.
/// </summary>
/// <remarks>
/// memcached has no types: a key holding a Redis hash is overwritten by <c>set</c> (as Redis's SET would) and answered
/// with a wrong-type error by the commands that read a value (get, append, incr).
/// </remarks>
internal static class MemcachedStorage
{
    public static MemcachedReply Store(StoreWriter writer, MemcachedCommand.Store command)
    {
        var concatenates = StoreModes.Concatenates(command.Mode);
        byte[] current = [];
        var exists = concatenates ? writer.TryGetString(command.Key, out var entry, out current) : writer.TryGet(command.Key, out entry);
        if (Refusal(command, exists, entry) is { } refused)
        {
            return refused;
        }

        var value = StoreModes.Combine(command.Mode, current, command.Value);
        var expiresAtMs = concatenates ? entry.ExpiresAtMs : MemcachedExpiry.ToExpiresAtMs(command.Exptime, writer);
        var state = concatenates ? MemcachedState.AfterWrite(entry.Memcached) : MemcachedState.Of(command.Flags);
        Put(writer, command.Key, value, expiresAtMs, state, StoreModes.ReasonOf(command.Mode), expiryGiven: !concatenates && command.Exptime != 0);
        return MemcachedReply.Stored;
    }

    public static bool TryRetrieve(StoreWriter writer, byte[] key, long? touchExptime, out MemcachedItem item)
    {
        item = default;
        if (!writer.TryGetString(key, out var entry, out var value))
        {
            return false;
        }

        if (touchExptime is { } exptime && !writer.SetExpiry(entry, MemcachedExpiry.ToExpiresAtMs(exptime, writer), ChangeReason.Touch))
        {
            return false;
        }

        item = new MemcachedItem(key, value, entry.Flags, entry.Version);
        return true;
    }

    public static MemcachedReply Touch(StoreWriter writer, MemcachedCommand.Touch command)
    {
        if (!writer.TryGet(command.Key, out var entry))
        {
            return MemcachedReply.NotFound;
        }

        writer.SetExpiry(entry, MemcachedExpiry.ToExpiresAtMs(command.Exptime, writer), ChangeReason.Touch);
        return MemcachedReply.Touched;
    }

    public static MemcachedReply Delete(StoreWriter writer, byte[] key) =>
        writer.Exists(key) && writer.Remove(key, ChangeKind.Removed, ChangeReason.Delete)
            ? MemcachedReply.Deleted
            : MemcachedReply.NotFound;

    public static MemcachedReply Arithmetic(StoreWriter writer, MemcachedCommand.Arithmetic command)
    {
        if (!writer.TryGetString(command.Key, out var entry, out var value))
        {
            return MemcachedReply.NotFound;
        }

        if (!Counters.TryParseUnsigned(value, out var current))
        {
            return new MemcachedReply.Line(MemcachedErrors.NonNumeric);
        }

        var next = Counters.Step(current, command.Delta, command.Increment);
        writer.SetMemcached(command.Key, Counters.Format(next), entry.ExpiresAtMs, MemcachedState.AfterWrite(entry.Memcached), ChangeReason.Increment);
        return new MemcachedReply.Number(next);
    }

    /// <summary>
    /// Stores a value, or, when its exptime is already past, stores nothing and expires what was there:
    /// memcached's "negative exptime means expired at once".
    /// </summary>
    public static CacheEntry? Put(StoreWriter writer, byte[] key, byte[] value, long expiresAtMs, MemcachedState? state, ChangeReason reason, bool expiryGiven = false)
    {
        if (!MemcachedExpiry.IsPast(expiresAtMs, writer))
        {
            return writer.SetMemcached(key, value, expiresAtMs, state, reason, expiryGiven);
        }

        writer.Remove(key, ChangeKind.Expired, reason);
        return null;
    }

    private static MemcachedReply? Refusal(MemcachedCommand.Store command, bool exists, CacheEntry entry) => command.Mode switch
    {
        StoreMode.Cas when !exists => MemcachedReply.NotFound,
        StoreMode.Cas when entry.Version != command.CasUnique => MemcachedReply.Exists,
        _ when StoreModes.Refuses(command.Mode, exists) => MemcachedReply.NotStored,
        _ => null,
    };
}
