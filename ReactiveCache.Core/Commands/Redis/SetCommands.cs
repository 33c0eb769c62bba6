using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// The member commands of t_set.c: SADD, SREM, SMOVE, SISMEMBER, SMISMEMBER, SCARD and SMEMBERS. Each write is one
/// call of a <see cref="Store.StoreWriter"/> set edit, so a command is one change per key it changes.
/// </summary>
/// <remarks>
/// WRONGTYPE comes from the store's typed lookup (<see cref="Store.StoreWriter.TryGetSet"/>); a missing key reads as
/// an empty set, as in Redis. SMEMBERS copies the members under the lock and builds its reply after it.
/// </remarks>
internal static class SetCommands
{
    /// <summary>set-max-intset-entries as CONFIG SET left it on this server: the one place the set commands read it.</summary>
    public static long MaxIntsetEntries(RedisSession session) => session.EncodingLimits.SetMaxIntsetEntries;

    // SADD key member [member ...]: how many members are new.
    public static RedisReply SAdd(RedisSession session, byte[][] args) =>
        RedisReply.Of(session.Store.Write((Args: args, Max: MaxIntsetEntries(session)), static (writer, state) =>
            writer.AddMembers(state.Args[1], state.Args.AsSpan(2), state.Max)));

    // SREM key member [member ...]: how many were there; an emptied set goes in the same change ("srem" then "del").
    public static RedisReply SRem(RedisSession session, byte[][] args) =>
        RedisReply.Of(session.Store.Write(args, static (writer, args) => writer.RemoveMembers(args[1], args.AsSpan(2))));

    // SMOVE source destination member: 1 when the source had the member (SMOVE k k m answers whether k has m).
    public static RedisReply SMove(RedisSession session, byte[][] args) =>
        RedisReply.Of(session.Store.Write((Args: args, Max: MaxIntsetEntries(session)), static (writer, state) =>
            writer.MoveMember(state.Args[1], state.Args[2], state.Args[3], state.Max)));

    public static RedisReply SIsMember(RedisSession session, byte[][] args) =>
        session.Store.Write(args, static (writer, args) =>
            RedisReply.Of(writer.TryGetSet(args[1], out _, out var set) && set.Contains(args[2])));

    // A missing key is an empty set: one 0 per member.
    public static RedisReply SMIsMember(RedisSession session, byte[][] args) =>
        session.Store.Write(args, static (writer, args) =>
        {
            var found = writer.TryGetSet(args[1], out _, out var set);
            var replies = new RedisReply[args.Length - 2];
            for (var i = 2; i < args.Length; i++)
            {
                replies[i - 2] = RedisReply.Of(found && set.Contains(args[i]));
            }

            return new RedisReply.Array(replies);
        });

    public static RedisReply SCard(RedisSession session, byte[][] args) =>
        session.Store.Write(args[1], static (writer, key) => RedisReply.Of(writer.TryGetSet(key, out _, out var set) ? set.Count : 0));

    // Redis 7.0 answers SMEMBERS with sinterCommand on one key: a set reply, an empty one for a missing key.
    public static RedisReply SMembers(RedisSession session, byte[][] args)
    {
        var (members, intset) = session.Store.Write(args[1], static (writer, key) =>
            writer.TryGetSet(key, out _, out var set) ? (set.ToArray(), set.IsIntset) : ([], false));
        return SetReplies.Members(session, members, intset);
    }
}
