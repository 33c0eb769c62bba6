using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// The array replies of the list commands (LRANGE, LPOP with a count, LMPOP): elements copied out of the list under
/// the lock, turned into bulk replies after it; a big range is built on the thread pool, not the socket's thread.
/// </summary>
internal static class ListReplies
{
    /// <summary>Above this many elements the reply is built off the socket's thread (see <see cref="RedisSession.OffThread"/>).</summary>
    public const int InlineLimit = BigReply.InlineLimit;

    /// <summary>The elements as an array of bulk strings.</summary>
    public static RedisReply Elements(RedisSession session, byte[][] elements) =>
        elements.Length == 0 ? RedisReply.EmptyArray : BigReply.Array(session, elements, s_bulk);

    /// <summary>LMPOP's and BLMPOP's [key, [element, ...]].</summary>
    public static RedisReply KeyAndElements(RedisSession? session, byte[] key, byte[][] elements) =>
        session is not null && elements.Length > InlineLimit
            ? session.OffThread(() => KeyAnd(key, Build(elements)))
            : KeyAnd(key, Build(elements));

    /// <summary>The elements as an array of bulk strings, built where it is called; each made as it is encoded.</summary>
    public static RedisReply Build(byte[][] elements) =>
        elements.Length == 0 ? RedisReply.EmptyArray : BigReply.ArrayOf(elements, s_bulk);

    private static readonly Func<byte[], RedisReply> s_bulk = static element => new RedisReply.Bulk(element);

    private static RedisReply KeyAnd(byte[] key, RedisReply elements) => new RedisReply.Array([new RedisReply.Bulk(key), elements]);
}
