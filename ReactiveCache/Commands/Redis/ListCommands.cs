using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// The list commands of t_list.c. Each write is one call of a <see cref="Store.StoreWriter"/> list edit, so a
/// command is one change however many elements it moves.
/// </summary>
internal static class ListCommands
{
    // LPUSH key element [element ...]: the length after.
    public static RedisReply LPush(RedisSession session, byte[][] args) => Push(session, args, left: true, onlyIfExists: false);

    public static RedisReply RPush(RedisSession session, byte[][] args) => Push(session, args, left: false, onlyIfExists: false);

    private static RedisReply Push(RedisSession session, byte[][] args, bool left, bool onlyIfExists) =>
        RedisReply.Of(session.Store.Write((Args: args, Left: left, OnlyIfExists: onlyIfExists), static (writer, state) =>
            writer.Push(state.Args[1], state.Args[2..], state.Left, state.OnlyIfExists)));
}
