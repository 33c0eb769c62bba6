using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>GET, SET and their variants (t_string.c).</summary>
internal static class StringCommands
{
    public static RedisReply Get(RedisSession session, byte[][] args) =>
        session.Store.TryGet(args[1], out var value) ? new RedisReply.Bulk(value) : RedisReply.NullBulk;

    // SET and its variants replace a value of any type, so they look a key up untyped; GET ... and GETSET read it as a string.

    public static RedisReply Set(RedisSession session, byte[][] args)
    {
        if (args.Length == 3)
        {
            Put(session.Store, args[1], args[2], CacheEntry.NoExpiry);
            return RedisReply.Ok;
        }

        if (!TryParseSetOptions(session, args, out var options, out var error))
        {
            return error!;
        }

        return session.Store.Write((Key: args[1], Value: args[2], Options: options), static (writer, state) =>
        {
            byte[]? current = null;
            var exists = state.Options.Get ? writer.TryGetString(state.Key, out var entry, out current) : writer.TryGet(state.Key, out entry);
            var old = state.Options.Get ? RedisReply.Of(exists ? current : null) : null;
            if ((state.Options.Nx && exists) || (state.Options.Xx && !exists))
            {
                return old ?? RedisReply.NullBulk;
            }

            // One change: the value and, with EX/PX/EXAT/PXAT, the expiry (Redis's "set" and "expire" events come from it).
            var expiresAt = state.Options.ExpiresAtMs ?? (state.Options.KeepTtl && exists ? entry.ExpiresAtMs : CacheEntry.NoExpiry);
            writer.SetString(state.Key, state.Value, expiresAt, ChangeReason.Set, expiryGiven: state.Options.ExpiresAtMs is not null);
            return old ?? RedisReply.Ok;
        });
    }

    public static RedisReply SetNx(RedisSession session, byte[][] args) =>
        session.Store.Write((Key: args[1], Value: args[2]), static (writer, state) =>
        {
            if (writer.Exists(state.Key))
            {
                return RedisReply.Zero;
            }

            writer.SetString(state.Key, state.Value, CacheEntry.NoExpiry, ChangeReason.Set);
            return RedisReply.One;
        });

    public static RedisReply SetEx(RedisSession session, byte[][] args) => SetWithExpiry(session, args, ExpiryArgs.Unit.Seconds, "setex");

    public static RedisReply PSetEx(RedisSession session, byte[][] args) => SetWithExpiry(session, args, ExpiryArgs.Unit.Milliseconds, "psetex");

    public static RedisReply GetSet(RedisSession session, byte[][] args) =>
        session.Store.Write((Key: args[1], Value: args[2]), static (writer, state) =>
        {
            var old = writer.TryGetString(state.Key, out _, out var current) ? current : null;
            writer.SetString(state.Key, state.Value, CacheEntry.NoExpiry, ChangeReason.Set);
            return RedisReply.Of(old);
        });

    public static RedisReply GetDel(RedisSession session, byte[][] args) =>
        session.Store.Write(args[1], static (writer, key) =>
        {
            if (!writer.TryGetString(key, out _, out var value))
            {
                return RedisReply.NullBulk;
            }

            writer.Remove(key, ChangeKind.Removed, ChangeReason.Delete);
            return new RedisReply.Bulk(value);
        });

    internal static void Put(CacheStore store, byte[] key, byte[] value, long expiresAtMs) =>
        store.Write((Key: key, Value: value, At: expiresAtMs), static (writer, state) =>
            writer.SetString(state.Key, state.Value, state.At, ChangeReason.Set));

    private static RedisReply SetWithExpiry(RedisSession session, byte[][] args, ExpiryArgs.Unit unit, string name)
    {
        if (!ExpiryArgs.TryResolve(args[2], unit, session.Server.Now, name, out var expiresAt, out var error))
        {
            return error!;
        }

        return session.Store.Write((Key: args[1], Value: args[3], At: expiresAt), static (writer, state) =>
        {
            writer.SetString(state.Key, state.Value, state.At, ChangeReason.Set, expiryGiven: true);
            return RedisReply.Ok;
        });
    }

    // parseExtendedStringArgumentsOrReply: each option at most once, NX/XX and the expiry kinds exclusive.
    private static bool TryParseSetOptions(RedisSession session, byte[][] args, out SetOptions options, out RedisReply? error)
    {
        options = new SetOptions();
        error = null;
        var unit = ExpiryArgs.Unit.None;
        byte[]? amount = null;
        for (var i = 3; i < args.Length; i++)
        {
            var option = args[i];
            var next = i + 1 < args.Length;
            if (RedisArgs.Is(option, "NX") && !options.Xx)
            {
                options = options with { Nx = true };
            }
            else if (RedisArgs.Is(option, "XX") && !options.Nx)
            {
                options = options with { Xx = true };
            }
            else if (RedisArgs.Is(option, "GET"))
            {
                options = options with { Get = true };
            }
            else if (RedisArgs.Is(option, "KEEPTTL") && unit == ExpiryArgs.Unit.None)
            {
                options = options with { KeepTtl = true };
            }
            else if (ExpiryArgs.UnitOf(option) is var kind and not ExpiryArgs.Unit.None && next && !options.KeepTtl
                     && (unit == ExpiryArgs.Unit.None || unit == kind))
            {
                unit = kind;
                amount = args[++i];
            }
            else
            {
                error = RedisReply.Syntax;
                return false;
            }
        }

        if (amount is not null)
        {
            if (!ExpiryArgs.TryResolve(amount, unit, session.Server.Now, "set", out var expiresAt, out error))
            {
                return false;
            }

            options = options with { ExpiresAtMs = expiresAt };
        }

        return true;
    }

    private readonly record struct SetOptions(bool Nx, bool Xx, bool Get, bool KeepTtl, long? ExpiresAtMs);
}
