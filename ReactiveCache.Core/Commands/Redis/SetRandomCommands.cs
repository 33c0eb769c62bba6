using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// SPOP key [count] and SRANDMEMBER key [count], as spopCommand and srandmemberCommand answer them. Without a count,
/// one member (or null). SPOP with a count pops that many distinct members (the whole set when it has no more) and
/// answers a set; SRANDMEMBER with a positive count answers that many distinct members, with a negative count that
/// many drawn independently (so they may repeat), as an array. Every member is equally likely.
/// </summary>
/// <remarks>
/// Members are drawn from the set's <see cref="SetValue.Slots"/> (a random slot, again while it is free), so a draw
/// costs a few probes and a pop costs what it pops. SRANDMEMBER does under the lock only work that costs about one
/// copy of the set: past an eighth of the set, or on a small sparse one, it copies the members and draws or shuffles
/// the copy after the lock, as HRANDFIELD does.
/// </remarks>
internal static class SetRandomCommands
{
    /// <summary>
    /// The most members a negative SRANDMEMBER count may ask for. Redis streams any count up to 2^63-1; this server
    /// builds a reply in memory, so a count past this answers "value is out of range" instead of exhausting memory
    /// (HRANDFIELD's bound).
    /// </summary>
    public const long MaxCount = HashRandomCommand.MaxCount;

    public static RedisReply SPop(RedisSession session, byte[][] args)
    {
        if (args.Length > 3)
        {
            return RedisReply.Syntax;
        }

        if (args.Length == 2)
        {
            return session.Store.Write(args[1], static (writer, key) =>
                writer.PopMembers(key, 1) is [var member] ? new RedisReply.Bulk(member) : RedisReply.NullBulk);
        }

        // getPositiveLongFromObjectOrReply: a word that is no integer gets the same words as a negative one.
        if (!RedisArgs.TryInteger(args[2], out var count) || count < 0)
        {
            return new RedisReply.Error(RespErrors.MustBePositive);
        }

        var popped = session.Store.Write((Key: args[1], Count: count), static (writer, state) =>
            state.Count == 0 ? (writer.TryGetSet(state.Key, out _, out _) ? [] : null) : writer.PopMembers(state.Key, state.Count));
        return popped is null or [] ? SetReplies.EmptySet : SetReplies.Members(session, popped, intsetOrder: false);
    }

    public static RedisReply SRandMember(RedisSession session, byte[][] args)
    {
        if (args.Length > 3)
        {
            return RedisReply.Syntax;
        }

        if (args.Length == 2)
        {
            return session.Store.Write(args[1], static (writer, key) =>
                writer.TryGetSet(key, out _, out var set) ? new RedisReply.Bulk(set.RandomMember()) : RedisReply.NullBulk);
        }

        if (!RedisArgs.TryInteger(args[2], out var count))
        {
            return RedisReply.NotInteger;
        }

        if (count == long.MinValue)
        {
            return new RedisReply.Error(RespErrors.CountOutOfRange);
        }

        if (count < -MaxCount)
        {
            return new RedisReply.Error(RespErrors.ValueOutOfRange);
        }

        var drawn = session.Store.Write((Key: args[1], Count: count), static (writer, state) =>
            writer.TryGetSet(state.Key, out _, out var set) && state.Count != 0 ? Sample(set, state.Count) : new Drawn([], Finish.None, 0, false));
        return drawn.Members.Length > SetReplies.InlineLimit || drawn.Count > SetReplies.InlineLimit
            ? session.OffThread(() => Reply(drawn))
            : Reply(drawn);
    }

    private static RedisReply Reply(Drawn drawn) => SetReplies.Build(drawn.Finished(), drawn.Whole, asSet: false);

    // The cases of srandmemberWithCountCommand, each kept to about one copy of the set under the lock.
    private static Drawn Sample(SetValue set, long count)
    {
        var wanted = Math.Abs(count);
        var fromCopy = wanted * 8 > set.Count || (long)set.Count * 4 < set.Slots.End;
        if (count < 0)
        {
            return fromCopy ? new Drawn(set.ToArray(), Finish.WithRepeats, (int)wanted, false) : new Drawn(WithRepeats(set, (int)wanted), Finish.None, 0, false);
        }

        return count >= set.Count ? new Drawn(set.ToArray(), Finish.None, 0, set.IsIntset)
            : fromCopy ? new Drawn(set.ToArray(), Finish.Distinct, (int)count, false)
            : new Drawn(Distinct(set, (int)count), Finish.None, 0, false);
    }

    private static byte[][] WithRepeats(SetValue set, int count)
    {
        var members = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            members[i] = set.RandomMember();
        }

        return members;
    }

    // Redis's CASE 4, asked for a small part of the set: draw until enough distinct members came up.
    private static byte[][] Distinct(SetValue set, int count)
    {
        var chosen = new HashSet<byte[]>(count, ReferenceEqualityComparer.Instance);
        var members = new byte[count][];
        while (chosen.Count < count)
        {
            var member = set.RandomMember();
            if (chosen.Add(member))
            {
                members[chosen.Count - 1] = member;
            }
        }

        return members;
    }

    private enum Finish
    {
        None,
        WithRepeats,
        Distinct,
    }

    /// <summary>What the lock gave: the members to answer, or a copy of the whole set and how many to draw from it.</summary>
    private readonly record struct Drawn(byte[][] Members, Finish Finish, int Count, bool Whole)
    {
        public byte[][] Finished() => Finish switch
        {
            Finish.WithRepeats => DrawWithRepeats(Members, Count),
            Finish.Distinct => Shuffled(Members, Count),
            _ => Members,
        };

        private static byte[][] DrawWithRepeats(byte[][] all, int count)
        {
            var members = new byte[count][];
            for (var i = 0; i < count; i++)
            {
                members[i] = all[Random.Shared.Next(all.Length)];
            }

            return members;
        }

        // Redis's CASE 3, asked for much of the set: shuffle the front of the copy and take it.
        private static byte[][] Shuffled(byte[][] all, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var j = Random.Shared.Next(i, all.Length);
                (all[i], all[j]) = (all[j], all[i]);
            }

            return all[..count];
        }
    }
}
