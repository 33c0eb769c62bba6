using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>APPEND, STRLEN, GETRANGE (SUBSTR) and SETRANGE.</summary>
internal static class StringRangeCommands
{
    public static RedisReply Append(RedisSession session, byte[][] args) =>
        session.Store.Write((Key: args[1], Suffix: args[2], Max: session.Server.Config.RequestLimits.MaxBulkLength), static (writer, state) =>
        {
            var exists = writer.TryGetString(state.Key, out var entry, out var current);
            if (ExceedsLargestString(current.Length, state.Suffix.Length, state.Max))
            {
                return new RedisReply.Error(RespErrors.StringTooLong);
            }

            var value = StringValue.Concat(current, state.Suffix);
            writer.SetString(state.Key, value, exists ? entry.ExpiresAtMs : CacheEntry.NoExpiry, ChangeReason.Append);
            return RedisReply.Of(value.Length);
        });

    /// <summary>
    /// checkStringLength in t_string.c: <c>start + length</c> may not pass proto-max-bulk-len, and may not overflow
    /// (an offset near 2^63 once wrapped negative and passed). A .NET array also ends at <see cref="Array.MaxLength"/>,
    /// so a proto-max-bulk-len set higher than that still stops there, with the same error.
    /// </summary>
    private static bool ExceedsLargestString(long start, int length, long max) => start > Math.Min(max, Array.MaxLength) - length;

    public static RedisReply StrLen(RedisSession session, byte[][] args) =>
        RedisReply.Of(session.Store.TryGet(args[1], out var value) ? value.Length : 0);

    public static RedisReply GetRange(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryInteger(args[2], out var start) || !RedisArgs.TryInteger(args[3], out var end))
        {
            return RedisReply.NotInteger;
        }

        if (!session.Store.TryGet(args[1], out var value))
        {
            return RedisReply.EmptyBulk;
        }

        // getrangeCommand: negative indexes count from the end; an empty or inverted range is "".
        if (start < 0 && end < 0 && start > end)
        {
            return RedisReply.EmptyBulk;
        }

        long length = value.Length;
        start = start < 0 ? Math.Max(length + start, 0) : start;
        end = end < 0 ? Math.Max(length + end, 0) : end;
        end = Math.Min(end, length - 1);
        if (start > end || length == 0)
        {
            return RedisReply.EmptyBulk;
        }

        return new RedisReply.Bulk(value[(int)start..(int)(end + 1)]);
    }

    public static RedisReply SetRange(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryInteger(args[2], out var offset))
        {
            return RedisReply.NotInteger;
        }

        if (offset < 0)
        {
            return new RedisReply.Error(RespErrors.OffsetOutOfRange);
        }

        return session.Store.Write((Key: args[1], Offset: offset, Patch: args[3], Max: session.Server.Config.RequestLimits.MaxBulkLength), static (writer, state) =>
        {
            var exists = writer.TryGetString(state.Key, out var entry, out var current);
            if (state.Patch.Length == 0)
            {
                return RedisReply.Of(current.Length);
            }

            if (ExceedsLargestString(state.Offset, state.Patch.Length, state.Max))
            {
                return new RedisReply.Error(RespErrors.StringTooLong);
            }

            var value = new byte[Math.Max(current.Length, state.Offset + state.Patch.Length)];
            current.CopyTo(value, 0);
            state.Patch.CopyTo(value, (int)state.Offset);
            writer.SetString(state.Key, value, exists ? entry.ExpiresAtMs : CacheEntry.NoExpiry, ChangeReason.SetRange);
            return RedisReply.Of(value.Length);
        });
    }
}
