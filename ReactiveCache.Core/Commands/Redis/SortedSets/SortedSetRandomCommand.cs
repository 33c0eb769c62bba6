using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.SortedSets;

/// <summary>
/// ZRANDMEMBER key [count [WITHSCORES]], as zrandmemberCommand answers it: without a count one member (or null); a
/// positive count that many distinct members (the whole set when it has no more); a negative count that many members
/// drawn independently, so they may repeat. Members are drawn from the set's slots, as HRANDFIELD draws fields: no
/// draw costs more than a few probes, and a count past an eighth of the set is drawn from a snapshot after the lock.
/// </summary>
internal static class SortedSetRandomCommand
{
    public static RedisReply ZRandMember(RedisSession session, byte[][] args)
    {
        if (args.Length == 2)
        {
            return session.Store.Write(args[1], static (writer, key) =>
                writer.TryGetSortedSet(key, out _, out var sortedSet) ? new RedisReply.Bulk(Draw(sortedSet).Member) : RedisReply.NullBulk);
        }

        if (!RedisArgs.TryInteger(args[2], out var count))
        {
            return RedisReply.NotInteger;
        }

        if (count == long.MinValue)
        {
            return new RedisReply.Error(RespErrors.CountOutOfRange);
        }

        if (args.Length > 4 || (args.Length == 4 && !RedisArgs.Is(args[3], "WITHSCORES")))
        {
            return RedisReply.Syntax;
        }

        // Redis streams any count it accepts; this server builds the reply, so past HRANDFIELD's bound it says "out of range".
        if (Math.Abs(count) > HashRandomCommand.MaxCount)
        {
            return new RedisReply.Error(RespErrors.ValueOutOfRange);
        }

        var drawn = session.Store.Write((Key: args[1], Count: (int)count), static (writer, state) =>
            writer.TryGetSortedSet(state.Key, out _, out var sortedSet) ? Sample(sortedSet, state.Count) : new Drawn([], 0));
        var members = drawn.Finished();
        return members.Length == 0 ? RedisReply.EmptyArray : SortedSetReplies.Members(session, members, withScores: args.Length == 4);
    }

    private static Drawn Sample(SortedSetValue sortedSet, int count)
    {
        if (count == 0)
        {
            return new Drawn([], 0);
        }

        var wanted = Math.Abs((long)count);
        var fromSnapshot = wanted * 8 > sortedSet.Count || (long)sortedSet.Count * 4 < sortedSet.Slots.End;
        if (count >= sortedSet.Count)
        {
            return new Drawn(sortedSet.ToArray(), 0);
        }

        if (fromSnapshot)
        {
            return new Drawn(sortedSet.ToArray(), count);
        }

        var members = new ScoredMember[wanted];
        var chosen = new HashSet<int>();
        for (var i = 0; i < members.Length;)
        {
            var slot = DrawSlot(sortedSet);
            if (count < 0 || chosen.Add(slot))
            {
                members[i++] = At(sortedSet, slot);
            }
        }

        return new Drawn(members, 0);
    }

    private static ScoredMember Draw(SortedSetValue sortedSet) => At(sortedSet, DrawSlot(sortedSet));

    // A uniformly random occupied slot; the set is never empty (an emptied one is removed).
    private static int DrawSlot(SortedSetValue sortedSet)
    {
        while (true)
        {
            var slot = Random.Shared.Next(sortedSet.Slots.End);
            if (sortedSet.Slots.At(slot) is not null)
            {
                return slot;
            }
        }
    }

    private static ScoredMember At(SortedSetValue sortedSet, int slot)
    {
        var member = sortedSet.Slots.At(slot)!;
        sortedSet.TryGetScore(member, out var score);
        return new ScoredMember(member, score);
    }

    /// <summary>What the lock gave: the members to answer, or a snapshot and how many to draw from it (negative: with repeats).</summary>
    private readonly record struct Drawn(ScoredMember[] Members, int Count)
    {
        public ScoredMember[] Finished()
        {
            if (Count == 0)
            {
                return Members;
            }

            var drawn = new ScoredMember[Math.Abs((long)Count)];
            if (Count < 0)
            {
                for (var i = 0; i < drawn.Length; i++)
                {
                    drawn[i] = Members[Random.Shared.Next(Members.Length)];
                }

                return drawn;
            }

            // A partial shuffle of the snapshot, as Redis's CASE 3 takes much of the set.
            for (var i = 0; i < Count; i++)
            {
                var j = Random.Shared.Next(i, Members.Length);
                (Members[i], Members[j]) = (Members[j], Members[i]);
            }

            return Members[..Count];
        }
    }
}
