using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis.Blocking;

/// <summary>
/// BLMOVE and BRPOPLPUSH (t_list.c's blmoveGenericCommand): LMOVE when the source holds a list, else block on the
/// source until a push serves this client. The push of a served move can serve the next client blocked on the
/// destination in the same write (the core offers every key made ready). Inside MULTI they answer a null bulk at
/// once; after the timeout a null array, as Redis 7.0 answers them.
/// </summary>
internal static class BlockingMoveCommands
{
    // BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout
    public static RedisReply BLMove(RedisSession session, byte[][] args) =>
        ListMoveCommands.TryEnd(args[3], out var fromLeft) && ListMoveCommands.TryEnd(args[4], out var toLeft)
            ? BlockingMove(session, args[1], args[2], fromLeft, toLeft, args[5])
            : RedisReply.Syntax;

    // BRPOPLPUSH source destination timeout
    public static RedisReply BRPopLPush(RedisSession session, byte[][] args) =>
        BlockingMove(session, args[1], args[2], fromLeft: false, toLeft: true, args[3]);

    private static RedisReply BlockingMove(RedisSession session, byte[] source, byte[] destination, bool fromLeft, bool toLeft, byte[] timeoutArgument)
    {
        if (!BlockingTimeout.TryParse(timeoutArgument, out var timeout, out var error))
        {
            return error!;
        }

        var wait = session.CanAnswerLater ? new MoveWait(session.Store, destination, fromLeft, toLeft) : null;
        return session.Store.Write((Source: source, Wait: wait, Timeout: timeout, Destination: destination, FromLeft: fromLeft, ToLeft: toLeft), static (writer, state) =>
        {
            if (writer.Move(state.Source, state.Destination, state.FromLeft, state.ToLeft) is { } moved)
            {
                return new RedisReply.Bulk(moved);
            }

            if (state.Wait is null)
            {
                return RedisReply.NullBulk;
            }

            writer.Block(state.Wait, [state.Source], state.Timeout);
            return state.Wait.Later();
        });
    }

    /// <summary>
    /// A client blocked in BLMOVE or BRPOPLPUSH: served by a push to its source. A destination of another type by then
    /// ends the wait with WRONGTYPE and the element stays where it was (the move checks before it pops).
    /// </summary>
    private sealed class MoveWait(CacheStore store, byte[] destination, bool fromLeft, bool toLeft) : RedisWait(store, RedisReply.NullArray)
    {
        protected override RedisReply? Serve(StoreWriter database, byte[] key) =>
            database.TryPeek(key, out _, out var entry) && entry.Kind == ValueKind.List && database.Move(key, destination, fromLeft, toLeft) is { } moved
                ? new RedisReply.Bulk(moved)
                : null;
    }
}
