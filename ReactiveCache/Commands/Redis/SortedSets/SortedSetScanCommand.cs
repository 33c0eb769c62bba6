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
    private static readonly RedisReply s_emptyScan = new RedisReply.Array([new RedisReply.Bulk("0"u8.ToArray()), RedisReply.EmptyArray]);

    public static RedisReply ZScan(RedisSession session, byte[][] args)
    {
        if (!ScanPage.TryParseCursor(args[2], out var cursor))
        {
            return new RedisReply.Error(RespErrors.InvalidCursor);
        }

        var optionsError = ScanOptions.TryParse(args, first: 3, allowType: false, out var options);
        var page = session.Store.Write((Key: args[1], Cursor: cursor, options.Count), static (writer, state) =>
            writer.TryGetSortedSet(state.Key, out _, out var sortedSet) ? Page(sortedSet, state.Cursor, state.Count) : ((ulong, ScoredMember[])?)null);
        if (page is not { } found)
        {
            return s_emptyScan;
        }

        if (optionsError is not null)
        {
            return optionsError;
        }

        var (next, members) = found;
        var items = new List<RedisReply>(members.Length * 2);
        foreach (var (member, score) in members)
        {
            if (options.Matches(member))
            {
                items.Add(new RedisReply.Bulk(member));
                items.Add(new RedisReply.Bulk(Encoding.ASCII.GetBytes(RespEncoder.FormatDouble(score))));
            }
        }

        return ScanPage.Reply(next, items);
    }

    private static (ulong Next, ScoredMember[] Members) Page(SortedSetValue sortedSet, ulong cursor, int count)
    {
        if (sortedSet.IsListpack)
        {
            return (0, sortedSet.ToArray());
        }

        return ScanPage.Walk(sortedSet.Slots, cursor, count, sortedSet, static (SortedSetValue sortedSet, byte[] member, out ScoredMember scored) =>
        {
            var live = sortedSet.TryGetScore(member, out var score);
            scored = new ScoredMember(member, score);
            return live;
        });
    }
}
