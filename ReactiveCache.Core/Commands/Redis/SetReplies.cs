using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// How every set command answers members: a RESP3 set (an array in RESP2) where Redis answers one (SMEMBERS, SINTER,
/// SUNION, SDIFF, SPOP with a count), an array elsewhere (SRANDMEMBER). An intset's members come in numeric order, as
/// Redis iterates one. A reply of more than <see cref="InlineLimit"/> members is built off the socket's thread.
/// </summary>
internal static class SetReplies
{
    /// <summary>Past this many members a reply is built on the thread pool (<see cref="RedisSession.OffThread"/>).</summary>
    public const int InlineLimit = BigReply.InlineLimit;

    public static readonly RedisReply EmptySet = new RedisReply.Set([]);

    /// <summary>
    /// The reply for <paramref name="members"/>, a snapshot taken under the lock that nothing else holds (sorting it
    /// in place is safe).
    /// </summary>
    public static RedisReply Members(RedisSession session, byte[][] members, bool intsetOrder, bool asSet = true) =>
        members.Length > InlineLimit
            ? session.OffThread(() => Build(members, intsetOrder, asSet))
            : Build(members, intsetOrder, asSet);

    /// <summary>The reply itself, built where it is called; each member's reply is made as it is encoded.</summary>
    public static RedisReply Build(byte[][] members, bool intsetOrder, bool asSet = true)
    {
        if (intsetOrder)
        {
            SetValue.InIntsetOrder(members);
        }

        return asSet ? BigReply.SetOf(members, s_bulk) : BigReply.ArrayOf(members, s_bulk);
    }

    private static readonly Func<byte[], RedisReply> s_bulk = static member => new RedisReply.Bulk(member);
}
