using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT (with NX XX GT LT), TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST, GETEX (expire.c).</summary>
internal static class ExpireCommands
{
    public static RedisReply Expire(RedisSession session, byte[][] args) => ExpireGeneric(session, args, 1000, relative: true, "expire");

    public static RedisReply PExpire(RedisSession session, byte[][] args) => ExpireGeneric(session, args, 1, relative: true, "pexpire");

    public static RedisReply ExpireAt(RedisSession session, byte[][] args) => ExpireGeneric(session, args, 1000, relative: false, "expireat");

    public static RedisReply PExpireAt(RedisSession session, byte[][] args) => ExpireGeneric(session, args, 1, relative: false, "pexpireat");

    public static RedisReply Ttl(RedisSession session, byte[][] args) => TtlGeneric(session, args[1], milliseconds: false, absolute: false);

    public static RedisReply PTtl(RedisSession session, byte[][] args) => TtlGeneric(session, args[1], milliseconds: true, absolute: false);

    public static RedisReply ExpireTime(RedisSession session, byte[][] args) => TtlGeneric(session, args[1], milliseconds: false, absolute: true);

    public static RedisReply PExpireTime(RedisSession session, byte[][] args) => TtlGeneric(session, args[1], milliseconds: true, absolute: true);

    public static RedisReply Persist(RedisSession session, byte[][] args) =>
        session.Store.Write(args[1], static (writer, key) =>
        {
            if (!writer.TryGet(key, out var entry) || !entry.HasExpiry)
            {
                return RedisReply.Zero;
            }

            writer.SetExpiry(entry, CacheEntry.NoExpiry, ChangeReason.Persist);
            return RedisReply.One;
        });

    // GETEX key [EX s | PX ms | EXAT s | PXAT ms | PERSIST]
    public static RedisReply GetEx(RedisSession session, byte[][] args)
    {
        long? expiresAt = null;
        var persist = false;
        if (args.Length > 2)
        {
            var unit = ExpiryArgs.UnitOf(args[2]);
            if (args.Length == 3 && RedisArgs.Is(args[2], "PERSIST"))
            {
                persist = true;
            }
            else if (args.Length == 4 && unit != ExpiryArgs.Unit.None)
            {
                if (!ExpiryArgs.TryResolve(args[3], unit, session.Server.Now, "getex", out var at, out var error))
                {
                    return error!;
                }

                expiresAt = at;
            }
            else
            {
                return RedisReply.Syntax;
            }
        }

        return session.Store.Write((Key: args[1], At: expiresAt, Persist: persist), static (writer, state) =>
        {
            if (!writer.TryGetString(state.Key, out var entry, out var value))
            {
                return RedisReply.NullBulk;
            }

            if (state.At is { } at)
            {
                writer.SetExpiry(entry, at, ChangeReason.Expire);
            }
            else if (state.Persist && entry.HasExpiry)
            {
                writer.SetExpiry(entry, CacheEntry.NoExpiry, ChangeReason.Persist);
            }

            return new RedisReply.Bulk(value);
        });
    }

    private static RedisReply ExpireGeneric(RedisSession session, byte[][] args, long unitMs, bool relative, string name)
    {
        if (!TryParseConditions(args, out var condition, out var error))
        {
            return error!;
        }

        if (!RedisArgs.TryInteger(args[2], out var amount))
        {
            return RedisReply.NotInteger;
        }

        var now = session.Server.Now;
        if ((unitMs > 1 && (amount > long.MaxValue / unitMs || amount < long.MinValue / unitMs))
            || (relative && amount * unitMs > long.MaxValue - now))
        {
            return RedisArgs.Error(RespErrors.InvalidExpireTime, name);
        }

        var at = ExpiryArgs.Clamp(amount * unitMs + (relative ? now : 0));
        return session.Store.Write((Key: args[1], At: at, Condition: condition), static (writer, state) =>
        {
            if (!writer.TryGet(state.Key, out var entry))
            {
                return RedisReply.Zero;
            }

            if (!state.Condition.Allows(entry, state.At))
            {
                return RedisReply.Zero;
            }

            // A time already past expires the key at once; Redis announces that as "del" (checkAlreadyExpired in expire.c).
            writer.SetExpiry(entry, state.At, ChangeReason.Expire);
            return RedisReply.One;
        });
    }

    private static RedisReply TtlGeneric(RedisSession session, byte[] key, bool milliseconds, bool absolute) =>
        RedisReply.Of(session.Store.Write((Key: key, Ms: milliseconds, Absolute: absolute), static (writer, state) =>
        {
            if (!writer.TryGet(state.Key, out var entry))
            {
                return -2L;
            }

            if (!entry.HasExpiry)
            {
                return -1L;
            }

            var value = state.Absolute ? entry.ExpiresAtMs : Math.Max(entry.ExpiresAtMs - writer.NowMs, 0);
            return state.Ms ? value : (value + 500) / 1000;
        }));

    private static bool TryParseConditions(byte[][] args, out Condition condition, out RedisReply? error)
    {
        condition = Condition.None;
        error = null;
        bool nx = false, xx = false, gt = false, lt = false;
        for (var i = 3; i < args.Length; i++)
        {
            if (RedisArgs.Is(args[i], "NX")) nx = true;
            else if (RedisArgs.Is(args[i], "XX")) xx = true;
            else if (RedisArgs.Is(args[i], "GT")) gt = true;
            else if (RedisArgs.Is(args[i], "LT")) lt = true;
            else
            {
                error = RedisArgs.Error(RespErrors.UnsupportedOption, RedisArgs.Text(args[i]));
                return false;
            }
        }

        if (nx && (xx || gt || lt))
        {
            error = new RedisReply.Error(RespErrors.ExpireNxAndOthers);
            return false;
        }

        if (gt && lt)
        {
            error = new RedisReply.Error(RespErrors.ExpireGtAndLt);
            return false;
        }

        condition = new Condition(nx, xx, gt, lt);
        return true;
    }

    /// <summary>NX XX GT LT; a key without expiry counts as an infinite one for GT and LT, as in Redis.</summary>
    private readonly record struct Condition(bool Nx, bool Xx, bool Gt, bool Lt)
    {
        public static readonly Condition None = default;

        public bool Allows(CacheEntry entry, long at) =>
            (!Nx || !entry.HasExpiry)
            && (!Xx || entry.HasExpiry)
            && (!Gt || (entry.HasExpiry && at > entry.ExpiresAtMs))
            && (!Lt || !entry.HasExpiry || at < entry.ExpiresAtMs);
    }
}
