using System.Buffers.Text;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// The classic memcached commands as store mutations. Each method runs under the store's lock (through
/// <c>CacheStore.Write</c>), so check-and-set, add, incr and append are atomic, and every write is one
/// change on the store's change stream, whichever protocol reads it next.
/// </summary>
internal static class MemcachedStorage
{
    public static MemcachedReply Store(StoreWriter writer, MemcachedCommand.Store command)
    {
        var exists = writer.TryGet(command.Key, out var entry);
        if (Refusal(command, exists, entry) is { } refused)
        {
            return refused;
        }

        var value = command.Mode switch
        {
            StoreMode.Append => Concat(entry.Value, command.Value),
            StoreMode.Prepend => Concat(command.Value, entry.Value),
            _ => command.Value,
        };
        var concatenates = command.Mode is StoreMode.Append or StoreMode.Prepend;

        // append and prepend ignore the flags and exptime they are given (protocol.txt).
        var expiresAtMs = concatenates ? entry.ExpiresAtMs : MemcachedExpiry.ToExpiresAtMs(command.Exptime, writer);
        var flags = concatenates ? entry.Flags : command.Flags;
        var reason = command.Mode switch
        {
            StoreMode.Append => ChangeReason.Append,
            StoreMode.Prepend => ChangeReason.Prepend,
            _ => ChangeReason.Set,
        };
        Put(writer, command.Key, value, expiresAtMs, flags, reason);
        return MemcachedReply.Stored;
    }

    public static bool TryRetrieve(StoreWriter writer, byte[] key, long? touchExptime, out MemcachedItem item)
    {
        item = default;
        if (!writer.TryGet(key, out var entry))
        {
            return false;
        }

        if (touchExptime is { } exptime)
        {
            var expiresAtMs = MemcachedExpiry.ToExpiresAtMs(exptime, writer);
            if (Put(writer, key, entry.Value, expiresAtMs, entry.Flags, ChangeReason.Touch) is not { } touched)
            {
                return false;
            }

            entry = touched;
        }

        item = new MemcachedItem(key, entry.Value, entry.Flags, entry.Cas);
        return true;
    }

    public static MemcachedReply Touch(StoreWriter writer, MemcachedCommand.Touch command)
    {
        if (!writer.TryGet(command.Key, out var entry))
        {
            return MemcachedReply.NotFound;
        }

        Put(writer, command.Key, entry.Value, MemcachedExpiry.ToExpiresAtMs(command.Exptime, writer), entry.Flags, ChangeReason.Touch);
        return MemcachedReply.Touched;
    }

    public static MemcachedReply Delete(StoreWriter writer, byte[] key) =>
        writer.Exists(key) && writer.Remove(key, ChangeKind.Removed, ChangeReason.Delete)
            ? MemcachedReply.Deleted
            : MemcachedReply.NotFound;

    /// <summary>incr wraps at 2^64, decr stops at 0 (protocol.txt, "Increment/Decrement").</summary>
    public static MemcachedReply Arithmetic(StoreWriter writer, MemcachedCommand.Arithmetic command)
    {
        if (!writer.TryGet(command.Key, out var entry))
        {
            return MemcachedReply.NotFound;
        }

        if (!TryReadCounter(entry.Value, out var current))
        {
            return new MemcachedReply.Line(MemcachedErrors.NonNumeric);
        }

        var next = command.Increment ? unchecked(current + command.Delta) : current < command.Delta ? 0 : current - command.Delta;
        writer.Put(command.Key, FormatCounter(next), entry.ExpiresAtMs, entry.Flags, ChangeReason.Increment);
        return new MemcachedReply.Number(next);
    }

    /// <summary>
    /// Stores a value, or, when its exptime is already past, stores nothing and expires what was there:
    /// memcached's "negative exptime means expired at once".
    /// </summary>
    public static CacheEntry? Put(StoreWriter writer, byte[] key, byte[] value, long expiresAtMs, uint flags, ChangeReason reason)
    {
        if (!MemcachedExpiry.IsPast(expiresAtMs, writer))
        {
            return writer.Put(key, value, expiresAtMs, flags, reason);
        }

        writer.Remove(key, ChangeKind.Expired, ChangeReason.Expired);
        return null;
    }

    /// <summary>A counter is decimal digits, optionally padded with spaces as memcached's decr leaves it.</summary>
    public static bool TryReadCounter(byte[] value, out ulong counter)
    {
        var digits = value.AsSpan().TrimEnd((byte)' ');
        return Utf8Parser.TryParse(digits, out counter, out var used) && used == digits.Length && digits.Length > 0;
    }

    public static byte[] FormatCounter(ulong value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var written);
        return digits[..written].ToArray();
    }

    private static MemcachedReply? Refusal(MemcachedCommand.Store command, bool exists, CacheEntry entry) => command.Mode switch
    {
        StoreMode.Add when exists => MemcachedReply.NotStored,
        StoreMode.Replace or StoreMode.Append or StoreMode.Prepend when !exists => MemcachedReply.NotStored,
        StoreMode.Cas when !exists => MemcachedReply.NotFound,
        StoreMode.Cas when entry.Cas != command.CasUnique => MemcachedReply.Exists,
        _ => null,
    };

    private static byte[] Concat(byte[] first, byte[] second)
    {
        var joined = GC.AllocateUninitializedArray<byte>(first.Length + second.Length);
        first.CopyTo(joined, 0);
        second.CopyTo(joined, first.Length);
        return joined;
    }
}
