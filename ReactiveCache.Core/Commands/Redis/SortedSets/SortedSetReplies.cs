using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>
/// Members and scores as t_zset.c replies with them: scores are doubles (a bulk string in RESP2, a RESP3 double);
/// WITHSCORES is flat in RESP2 (member, score, member, score...) and [member, score] pairs in RESP3. A reply of many
/// members is encoded off the socket's thread from the snapshot the lock gave (<see cref="BigReply"/>).
/// </summary>
internal static class SortedSetReplies
{
    /// <summary>ZRANGE's reply: members, with their scores when asked; a big one is encoded off the socket's thread.</summary>
    public static RedisReply Members(RedisSession session, ScoredMember[] members, bool withScores) =>
        BigReply.Answer(session, withScores ? members.Length * 2 : members.Length, Of(members, withScores, session.Protocol));

    /// <summary>The same reply, built where it is called (by a builder already off the socket's thread).</summary>
    public static RedisReply Of(ScoredMember[] members, bool withScores, int protocol) =>
        members.Length == 0 ? RedisReply.EmptyArray
        : !withScores ? BigReply.ArrayOf(members, s_member)
        : protocol >= 3 ? BigReply.ArrayOf(members, s_pair)
        : BigReply.FlatOf(members, 2, s_memberThenScore);

    /// <summary>A flat reply: member, score, member, score... (ZPOPMIN in RESP2, BZPOPMIN after its key).</summary>
    public static RedisReply Flat(ScoredMember[] members, RedisReply? first = null)
    {
        var items = new List<RedisReply>((members.Length * 2) + 1);
        if (first is not null)
        {
            items.Add(first);
        }

        foreach (var (member, score) in members)
        {
            items.Add(new RedisReply.Bulk(member));
            items.Add(new RedisReply.Double(score));
        }

        return new RedisReply.Array(items);
    }

    /// <summary>[member, score] pairs (ZPOPMIN with COUNT in RESP3, ZMPOP in both), each made as it is encoded.</summary>
    public static RedisReply Pairs(ScoredMember[] members) => BigReply.ArrayOf(members, s_pair);

    private static readonly Func<ScoredMember, RedisReply> s_member = static scored => new RedisReply.Bulk(scored.Member);

    private static readonly Func<ScoredMember, RedisReply> s_pair = static scored =>
        new RedisReply.Array([new RedisReply.Bulk(scored.Member), new RedisReply.Double(scored.Score)]);

    private static readonly Func<ScoredMember, int, RedisReply> s_memberThenScore = static (scored, part) =>
        part == 0 ? new RedisReply.Bulk(scored.Member) : new RedisReply.Double(scored.Score);
}
