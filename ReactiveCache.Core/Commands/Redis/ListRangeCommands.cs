using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// The list commands of t_list.c that read or edit a range or search by value: LRANGE, LTRIM, LREM and LPOS. Every
/// loop is bounded by the list's length, never by a number the client sent.
/// </summary>
internal static class ListRangeCommands
{
    // LRANGE key start stop: indexes clamped to the list; a big range is built off the socket's thread.
    public static RedisReply LRange(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryInteger(args[2], out var start) || !RedisArgs.TryInteger(args[3], out var stop))
        {
            return RedisReply.NotInteger;
        }

        var elements = session.Store.Write((Key: args[1], Start: start, Stop: stop), static (writer, state) =>
        {
            if (!writer.TryGetList(state.Key, out _, out var list))
            {
                return [];
            }

            var (first, last) = CacheStore.ClampRange(state.Start, state.Stop, list.Count);
            return list.Range(first, last);
        });
        return ListReplies.Elements(session, elements);
    }

    // LTRIM key start stop: OK, also when there is no list; a range outside the list removes it.
    public static RedisReply LTrim(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryInteger(args[2], out var start) || !RedisArgs.TryInteger(args[3], out var stop))
        {
            return RedisReply.NotInteger;
        }

        session.Store.Write((Key: args[1], Start: start, Stop: stop), static (writer, state) =>
            writer.Trim(state.Key, state.Start, state.Stop));
        return RedisReply.Ok;
    }

    // LREM key count element: count > 0 from the head, < 0 from the tail, 0 every match; how many were removed.
    public static RedisReply LRem(RedisSession session, byte[][] args)
    {
        if (!RedisArgs.TryInteger(args[2], out var count))
        {
            return RedisReply.NotInteger;
        }

        return RedisReply.Of(session.Store.Write((Args: args, Count: count), static (writer, state) =>
            writer.RemoveMatches(state.Args[1], state.Count, state.Args[3])));
    }

    // LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]
    public static RedisReply LPos(RedisSession session, byte[][] args)
    {
        if (!ListPosition.TryParse(args, out var search, out var error))
        {
            return error!;
        }

        var matches = session.Store.Write((Key: args[1], Search: search), static (writer, state) =>
            writer.TryGetList(state.Key, out _, out var list) ? state.Search.Find(list) : null);
        if (!search.WantsArray)
        {
            return matches is [var index] ? RedisReply.Of(index) : RedisReply.NullBulk;
        }

        return matches is null or [] ? RedisReply.EmptyArray : new RedisReply.Array([.. matches.Select(RedisReply.Of)]);
    }
}
