using System.Text;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>
/// ZSCAN key cursor [MATCH pattern] [COUNT count]: member, score, member, score... with each score as text (a bulk
/// string in RESP3 too, as Redis sends it). The cursor walks the sorted set's <see cref="SortedSetValue.Slots"/>, so a
/// page costs about COUNT slots; a sorted set Redis would keep as a listpack comes whole, in order, with cursor 0.
/// </summary>
internal static class SortedSetScanCommand
{
    public static RedisReply ZScan(RedisSession session, byte[][] args) =>
        CollectionScan.Scan<ScoredMember>(
            session,
            args,
            static (writer, key, cursor, count) => writer.TryGetSortedSet(key, out _, out var sortedSet) ? Page(sortedSet, cursor, count) : null,
            static scored => scored.Member,
            static (items, scored) =>
            {
                items.Add(new RedisReply.Bulk(scored.Member));
                items.Add(new RedisReply.Bulk(Encoding.ASCII.GetBytes(RespEncoder.FormatDouble(scored.Score))));
            });

    private static (ulong Next, ScoredMember[] Members) Page(SortedSetValue sortedSet, ulong cursor, int count)
    {
        if (sortedSet.IsListpack)
        {
            return (0, sortedSet.ToArray());
        }

        return Store.SlotWalk.Walk(sortedSet.Slots, cursor, count, sortedSet, static (SortedSetValue sortedSet, byte[] member, out ScoredMember scored) =>
        {
            var live = sortedSet.TryGetScore(member, out var score);
            scored = new ScoredMember(member, score);
            return live;
        });
    }
}
