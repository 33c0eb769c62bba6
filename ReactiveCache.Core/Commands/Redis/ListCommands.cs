using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// The list commands of t_list.c that touch the ends or one element: LPUSH, RPUSH, LPUSHX, RPUSHX, LPOP, RPOP, LLEN,
/// LINDEX, LSET and LINSERT. Each write is one call of a <see cref="Store.StoreWriter"/> list edit, so a command is
/// one change however many elements it moves; WRONGTYPE comes from the store's typed lookup.
/// </summary>
internal static class ListCommands
{
    // LPUSH key element [element ...]: the length after.
    public static RedisReply LPush(RedisSession session, byte[][] args) => Push(session, args, left: true, onlyIfExists: false);

    public static RedisReply RPush(RedisSession session, byte[][] args) => Push(session, args, left: false, onlyIfExists: false);

    // LPUSHX key element [element ...]: 0, and nothing created, when there is no list.
    public static RedisReply LPushX(RedisSession session, byte[][] args) => Push(session, args, left: true, onlyIfExists: true);

    public static RedisReply RPushX(RedisSession session, byte[][] args) => Push(session, args, left: false, onlyIfExists: true);

    // LPOP key [count]: one bulk without a count; with one, an array (empty for 0, null when there is no list).
    public static RedisReply LPop(RedisSession session, byte[][] args) => Pop(session, args, left: true);

    public static RedisReply RPop(RedisSession session, byte[][] args) => Pop(session, args, left: false);

    public static RedisReply LLen(RedisSession session, byte[][] args) =>
        RedisReply.Of(session.Store.Write(args[1], static (writer, key) => writer.TryGetList(key, out _, out var list) ? list.Count : 0));

    // LINDEX key index: negative from the tail; null outside the list.
    public static RedisReply LIndex(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryInteger(args[2], out var index))
        {
            return RedisReply.NotInteger;
        }

        return RedisReply.Of(session.Store.Write((Key: args[1], Index: index), static (writer, state) =>
        {
            if (!writer.TryGetList(state.Key, out _, out var list))
            {
                return null;
            }

            var at = state.Index < 0 ? list.Count + state.Index : state.Index;
            return at >= 0 && at < list.Count ? list[(int)at] : null;
        }));
    }

    // LSET key index element: "no such key" before "index out of range", as lsetCommand looks the key up first.
    public static RedisReply LSet(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryInteger(args[2], out var index))
        {
            return RedisReply.NotInteger;
        }

        try
        {
            return session.Store.Write((Args: args, Index: index), static (writer, state) =>
                writer.SetAt(state.Args[1], state.Index, state.Args[3])) ? RedisReply.Ok : s_noSuchKey;
        }
        catch (ArgumentOutOfRangeException)
        {
            return s_indexOutOfRange;
        }
    }

    // LINSERT key BEFORE|AFTER pivot element: the length after, -1 without the pivot, 0 without the list.
    public static RedisReply LInsert(RedisSession session, byte[][] args)
    {
        var before = RedisArgs.Is(args[2], "BEFORE");
        if (!before && !RedisArgs.Is(args[2], "AFTER"))
        {
            return RedisReply.Syntax;
        }

        return RedisReply.Of(session.Store.Write((Args: args, Before: before), static (writer, state) =>
            writer.InsertAt(state.Args[1], state.Before, state.Args[3], state.Args[4])));
    }

    private static readonly RedisReply s_noSuchKey = new RedisReply.Error(RespErrors.NoSuchKey);
    private static readonly RedisReply s_indexOutOfRange = new RedisReply.Error(RespErrors.IndexOutOfRange);
    private static readonly RedisReply s_mustBePositive = new RedisReply.Error(RespErrors.MustBePositive);

    private static RedisReply Push(RedisSession session, byte[][] args, bool left, bool onlyIfExists) =>
        RedisReply.Of(session.Store.Write((Args: args, Left: left, OnlyIfExists: onlyIfExists), static (writer, state) =>
            writer.Push(state.Args[1], state.Args[2..], state.Left, state.OnlyIfExists)));

    private static RedisReply Pop(RedisSession session, byte[][] args, bool left)
    {
        if (args.Length > 3)
        {
            return RedisArgs.WrongArguments(RedisArgs.Lower(args[0]));
        }

        var count = 1L;
        if (args.Length == 3 && (!RedisArgs.TryInteger(args[2], out count) || count < 0))
        {
            return s_mustBePositive;
        }

        var popped = session.Store.Write((Key: args[1], Left: left, Count: count), static (writer, state) =>
            writer.Pop(state.Key, state.Left, state.Count));
        return args.Length == 2
            ? RedisReply.Of(popped?[0])
            : popped is null ? RedisReply.NullArray : ListReplies.Elements(session, popped);
    }
}
