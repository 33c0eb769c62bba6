using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>
/// Members and scores as t_zset.c replies with them: scores are doubles (a bulk string in RESP2, a RESP3 double);
/// WITHSCORES is flat in RESP2 (member, score, member, score...) and [member, score] pairs in RESP3. A reply of many
/// members is built off the socket thread from the snapshot the lock gave.
/// </summary>
internal static class SortedSetReplies
{
    /// <summary>Past this many members a reply is built on the thread pool (<see cref="RedisSession.OffThread"/>).</summary>
    public const int InlineLimit = BigReply.InlineLimit;

    /// <summary>ZRANGE's reply: members, with their scores when asked.</summary>
    public static RedisReply Members(RedisSession session, ScoredMember[] members, bool withScores)
    {
        if (members.Length == 0)
        {
            return RedisReply.EmptyArray;
        }

        var pairs = withScores && session.Protocol >= 3;
        return members.Length <= InlineLimit
            ? Build(members, withScores, pairs)
            : session.OffThread(() => Build(members, withScores, pairs));
    }

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

    /// <summary>[member, score] pairs (ZPOPMIN with COUNT in RESP3, ZMPOP in both).</summary>
    public static RedisReply Pairs(ScoredMember[] members) => Build(members, withScores: true, pairs: true);

    private static RedisReply Build(ScoredMember[] members, bool withScores, bool pairs)
    {
        if (pairs)
        {
            var nested = new RedisReply[members.Length];
            for (var i = 0; i < members.Length; i++)
            {
                nested[i] = new RedisReply.Array([new RedisReply.Bulk(members[i].Member), new RedisReply.Double(members[i].Score)]);
            }

            return new RedisReply.Array(nested);
        }

        if (!withScores)
        {
            var names = new RedisReply[members.Length];
            for (var i = 0; i < members.Length; i++)
            {
                names[i] = new RedisReply.Bulk(members[i].Member);
            }

            return new RedisReply.Array(names);
        }

        return Flat(members);
    }
}
