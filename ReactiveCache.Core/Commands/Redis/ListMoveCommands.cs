using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// LMOVE, RPOPLPUSH and LMPOP (t_list.c): the commands that pop with a choice of end or of key, shared with their
/// blocking forms, which do the same when something is there.
/// </summary>
internal static class ListMoveCommands
{
    // LMOVE source destination LEFT|RIGHT LEFT|RIGHT: the element moved, or null without a source list.
    public static RedisReply LMove(RedisSession session, byte[][] args) =>
        TryEnd(args[3], out var fromLeft) && TryEnd(args[4], out var toLeft)
            ? Move(session, args[1], args[2], fromLeft, toLeft)
            : RedisReply.Syntax;

    // RPOPLPUSH source destination: LMOVE source destination RIGHT LEFT.
    public static RedisReply RPopLPush(RedisSession session, byte[][] args) => Move(session, args[1], args[2], fromLeft: false, toLeft: true);

    // LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: [key, [elements]] from the first key holding a list.
    public static RedisReply LMPop(RedisSession session, byte[][] args)
    {
        if (!ListPopRequest.TryParse(args, 1, out var request, out var error))
        {
            return error!;
        }

        var popped = session.Store.Write(request, static (writer, request) => PopFirst(writer, request));
        return popped is { } found ? ListReplies.KeyAndElements(session, found.Key, found.Elements) : RedisReply.NullArray;
    }

    /// <summary>LEFT or RIGHT, as getListPositionFromObjectOrReply reads it.</summary>
    public static bool TryEnd(byte[] argument, out bool left)
    {
        left = RedisArgs.Is(argument, "LEFT");
        return left || RedisArgs.Is(argument, "RIGHT");
    }

    /// <summary>
    /// Under the lock: pops up to the request's count from the first of its keys holding a list (a key of another type
    /// before it answers WRONGTYPE, as mpopGenericCommand checks each in turn). Null when none holds one.
    /// </summary>
    public static (byte[] Key, byte[][] Elements)? PopFirst(StoreWriter writer, ListPopRequest request)
    {
        foreach (var key in request.Keys)
        {
            if (writer.Pop(key, request.Left, request.Count) is { } elements)
            {
                return (key, elements);
            }
        }

        return null;
    }

    private static RedisReply Move(RedisSession session, byte[] source, byte[] destination, bool fromLeft, bool toLeft) =>
        RedisReply.Of(session.Store.Write((Source: source, Destination: destination, FromLeft: fromLeft, ToLeft: toLeft), static (writer, state) =>
            writer.Move(state.Source, state.Destination, state.FromLeft, state.ToLeft)));
}
