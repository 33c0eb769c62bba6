using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>The generic key commands of db.c: DEL, EXISTS, TYPE, KEYS, RANDOMKEY, RENAME, COPY, MOVE, TOUCH.</summary>
/// <remarks>
/// Every database of a server shares one lock, so a command that reads one database and writes another (COPY ...
/// DB, MOVE) nests the second write inside the first: one step, one batch, no lock order to get wrong.
/// </remarks>
internal static class KeyCommands
{
    private static readonly RedisReply s_none = new RedisReply.Simple("none");

    public static RedisReply Del(RedisSession session, byte[][] args) =>
        RedisReply.Of(session.Store.Write(args, static (writer, args) =>
        {
            var deleted = 0;
            for (var i = 1; i < args.Length; i++)
            {
                if (writer.Exists(args[i]) && writer.Remove(args[i], ChangeKind.Removed, ChangeReason.Delete))
                {
                    deleted++;
                }
            }

            return deleted;
        }));

    public static RedisReply Exists(RedisSession session, byte[][] args) =>
        RedisReply.Of(CountExisting(session.Store, args));

    public static RedisReply Touch(RedisSession session, byte[][] args) =>
        RedisReply.Of(CountExisting(session.Store, args));

    public static RedisReply Type(RedisSession session, byte[][] args) =>
        session.Store.Write(args[1], static (writer, key) => writer.TryGet(key, out var entry) ? RedisTypes.Reply(entry.Kind) : s_none);

    // The keys are copied under the lock; the pattern is matched after it, off the socket's thread for a big keyspace.
    public static RedisReply Keys(RedisSession session, byte[][] args)
    {
        var keys = session.Store.ReadLiveKeys();
        return keys.Length <= BigReply.InlineLimit ? Matching(args[1], keys) : MatchLater(session, args[1], keys);
    }

    private static RedisReply MatchLater(RedisSession session, byte[] pattern, byte[][] keys) =>
        session.OffThread(() => Matching(pattern, keys));

    private static RedisReply Matching(byte[] pattern, byte[][] keys) => BigReply.ArrayOf(Glob.Matching(pattern, keys), s_bulk);

    private static readonly Func<byte[], RedisReply> s_bulk = static key => new RedisReply.Bulk(key);

    public static RedisReply RandomKey(RedisSession session, byte[][] args) =>
        session.Store.Write(0, static (writer, _) => RandomSlots.TryPick(writer, out var key) ? new RedisReply.Bulk(key) : RedisReply.NullBulk);

    public static RedisReply Rename(RedisSession session, byte[][] args) => RenameGeneric(session, args, onlyIfAbsent: false);

    public static RedisReply RenameNx(RedisSession session, byte[][] args) => RenameGeneric(session, args, onlyIfAbsent: true);

    // COPY source destination [DB destination-db] [REPLACE]
    public static RedisReply Copy(RedisSession session, byte[][] args)
    {
        var target = session.DatabaseIndex;
        var replace = false;
        for (var i = 3; i < args.Length; i++)
        {
            if (RedisArgs.Is(args[i], "REPLACE"))
            {
                replace = true;
            }
            else if (RedisArgs.Is(args[i], "DB") && i + 1 < args.Length)
            {
                if (!DatabaseCommands.TryDatabase(session, args[++i], out target, out var error))
                {
                    return error;
                }
            }
            else
            {
                return RedisReply.Syntax;
            }
        }

        if (target == session.DatabaseIndex && args[1].AsSpan().SequenceEqual(args[2]))
        {
            return new RedisReply.Error(RespErrors.CopySameKey);
        }

        var state = (Source: args[1], Target: session.Server.Databases[target], Key: args[2], Replace: replace);
        return session.Store.Write(state, static (writer, state) =>
        {
            if (!writer.TryGet(state.Source, out var entry))
            {
                return RedisReply.Zero;
            }

            return state.Target.Write((state.Key, Entry: entry, state.Replace), static (target, copy) =>
            {
                if (!copy.Replace && target.Exists(copy.Key))
                {
                    return RedisReply.Zero;
                }

                target.Place(copy.Key, copy.Entry.Value.Copy(), copy.Entry.ExpiresAtMs, copy.Entry.Memcached, ChangeReason.Copy);
                return RedisReply.One;
            });
        });
    }

    // MOVE key db: only if the key exists here and not there; its time to live goes with it.
    public static RedisReply Move(RedisSession session, byte[][] args)
    {
        if (!DatabaseCommands.TryDatabase(session, args[2], out var index, out var error))
        {
            return error;
        }

        if (index == session.DatabaseIndex)
        {
            return new RedisReply.Error(RespErrors.CopySameKey);
        }

        var state = (Key: args[1], Target: session.Server.Databases[index]);
        return session.Store.Write(state, static (writer, state) =>
        {
            if (!writer.TryGet(state.Key, out var entry))
            {
                return RedisReply.Zero;
            }

            if (state.Target.Write(state.Key, static (target, key) => target.Exists(key)))
            {
                return RedisReply.Zero;
            }

            // Redis's order of events: move_from in the source, then move_to in the target.
            writer.Remove(state.Key, ChangeKind.Removed, ChangeReason.MoveFrom);
            state.Target.Write((state.Key, Entry: entry), static (target, move) =>
                target.Place(move.Key, move.Entry.Value, move.Entry.ExpiresAtMs, move.Entry.Memcached, ChangeReason.MoveTo));
            return RedisReply.One;
        });
    }

    private static int CountExisting(CacheStore store, byte[][] args) =>
        store.Write(args, static (writer, args) =>
        {
            var count = 0;
            for (var i = 1; i < args.Length; i++)
            {
                count += writer.Exists(args[i]) ? 1 : 0;
            }

            return count;
        });

    private static RedisReply RenameGeneric(RedisSession session, byte[][] args, bool onlyIfAbsent) =>
        session.Store.Write((From: args[1], To: args[2], OnlyIfAbsent: onlyIfAbsent), static (writer, state) =>
        {
            if (!writer.TryGet(state.From, out var entry))
            {
                return new RedisReply.Error(RespErrors.NoSuchKey);
            }

            if (state.From.AsSpan().SequenceEqual(state.To))
            {
                return state.OnlyIfAbsent ? RedisReply.Zero : RedisReply.Ok;
            }

            if (state.OnlyIfAbsent && writer.Exists(state.To))
            {
                return RedisReply.Zero;
            }

            writer.Remove(state.From, ChangeKind.Removed, ChangeReason.RenameFrom);
            writer.Place(state.To, entry.Value, entry.ExpiresAtMs, entry.Memcached, ChangeReason.RenameTo);
            return state.OnlyIfAbsent ? RedisReply.One : RedisReply.Ok;
        });
}
