using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// HRANDFIELD key [count [WITHVALUES]], as hrandfieldCommand answers it: without a count one field (or null); a
/// positive count that many distinct fields (the whole hash when it has no more); a negative count that many fields
/// drawn independently, so they may repeat. Every field is equally likely.
/// </summary>
/// <remarks>
/// Fields are drawn from the hash's <see cref="HashValue.Slots"/>: a random slot, again while it is free. The slots are
/// at least a quarter full past 1024 of them; a sparser hash is copied once and drawn from the copy, so no draw
/// costs more than a few probes. A count past an eighth of the hash is drawn from a copy too, after the lock.
/// </remarks>
internal static class HashRandomCommand
{
    /// <summary>
    /// The most fields one reply gives. Redis streams any count it accepts (up to 2^63-1 with repeats); this server
    /// builds a reply in memory, so a count past this answers "value is out of range" instead of exhausting memory.
    /// </summary>
    public const long MaxCount = 1 << 22;

    public static RedisReply HRandField(RedisSession session, byte[][] args)
    {
        if (args.Length == 2)
        {
            return session.Store.Write(args[1], static (writer, key) =>
                writer.TryGetHash(key, out _, out var hash) ? new RedisReply.Bulk(Draw(hash).Name) : RedisReply.NullBulk);
        }

        if (!RedisArgs.TryInteger(args[2], out var count))
        {
            return RedisReply.NotInteger;
        }

        if (count == long.MinValue)
        {
            return new RedisReply.Error(RespErrors.CountOutOfRange);
        }

        if (args.Length > 4 || (args.Length == 4 && !RedisArgs.Is(args[3], "WITHVALUES")))
        {
            return RedisReply.Syntax;
        }

        // Redis refuses |count| > 2^62 with WITHVALUES; MaxCount, far below, covers that too.
        var withValues = args.Length == 4;
        if (Math.Abs(count) > MaxCount)
        {
            return new RedisReply.Error(RespErrors.ValueOutOfRange);
        }

        var drawn = session.Store.Write((Key: args[1], Count: (int)count), static (writer, state) =>
            writer.TryGetHash(state.Key, out _, out var hash) ? Sample(hash, state.Count) : new Drawn([], Finish.None, 0));
        return Reply(drawn.Finished(), withValues, session.Protocol);
    }

    /// <summary>
    /// Under the lock, only work that costs at most about one copy of the hash: a draw (a random slot and a lookup)
    /// costs several times a copied field, so past an eighth of the hash the fields are copied, as HGETALL copies them,
    /// and drawn or shuffled from the copy after the lock (HRANDFIELD k -4194304 on one field held it for 0.5 s).
    /// </summary>
    private static Drawn Sample(HashValue hash, int count)
    {
        var wanted = Math.Abs((long)count);
        var fromCopy = wanted * 8 > hash.Count || IsSparse(hash);
        return count < 0 ? (fromCopy ? new Drawn(hash.ToArray(), Finish.WithRepeats, -count) : new Drawn(WithRepeats(hash, -count), Finish.None, 0))
            : count >= hash.Count ? new Drawn(hash.ToArray(), Finish.None, 0)
            : fromCopy ? new Drawn(hash.ToArray(), Finish.Distinct, count)
            : new Drawn(Distinct(hash, count), Finish.None, 0);
    }

    private static HashField[] WithRepeats(HashValue hash, int count)
    {
        var fields = new HashField[count];
        for (var i = 0; i < count; i++)
        {
            fields[i] = Draw(hash);
        }

        return fields;
    }

    // Redis's CASE 4, asked for a small part of the hash: draw slots until enough distinct ones came up.
    private static HashField[] Distinct(HashValue hash, int count)
    {
        var chosen = new HashSet<int>(count);
        var fields = new HashField[count];
        while (chosen.Count < count)
        {
            var slot = DrawSlot(hash);
            if (chosen.Add(slot))
            {
                fields[chosen.Count - 1] = At(hash, slot);
            }
        }

        return fields;
    }

    private static bool IsSparse(HashValue hash) => (long)hash.Count * 4 < hash.Slots.End;

    private static HashField Draw(HashValue hash) => At(hash, DrawSlot(hash));

    // A uniformly random occupied slot; the hash is never empty (an emptied hash is removed).
    private static int DrawSlot(HashValue hash)
    {
        while (true)
        {
            var slot = Random.Shared.Next(hash.Slots.End);
            if (hash.Slots.At(slot) is not null)
            {
                return slot;
            }
        }
    }

    private static HashField At(HashValue hash, int slot)
    {
        var name = hash.Slots.At(slot)!;
        hash.TryGet(name, out var value);
        return new HashField(name, value);
    }

    // RESP2 flattens WITHVALUES into field, value, field, value...; RESP3 answers [field, value] pairs.
    private static RedisReply Reply(HashField[] fields, bool withValues, int protocol)
    {
        if (!withValues)
        {
            return new RedisReply.Array([.. fields.Select(field => (RedisReply)new RedisReply.Bulk(field.Name))]);
        }

        if (protocol >= 3)
        {
            return new RedisReply.Array([.. fields.Select(field => (RedisReply)new RedisReply.Array([new RedisReply.Bulk(field.Name), new RedisReply.Bulk(field.Value!)]))]);
        }

        var items = new RedisReply[fields.Length * 2];
        for (var i = 0; i < fields.Length; i++)
        {
            items[2 * i] = new RedisReply.Bulk(fields[i].Name);
            items[(2 * i) + 1] = new RedisReply.Bulk(fields[i].Value!);
        }

        return new RedisReply.Array(items);
    }

    private enum Finish
    {
        None,
        WithRepeats,
        Distinct,
    }

    /// <summary>What the lock gave: the fields to answer, or a copy of the whole hash and how many to draw from it.</summary>
    private readonly record struct Drawn(HashField[] Fields, Finish Finish, int Count)
    {
        public HashField[] Finished() => Finish switch
        {
            Finish.WithRepeats => DrawWithRepeats(Fields, Count),
            Finish.Distinct => Shuffled(Fields, Count),
            _ => Fields,
        };

        private static HashField[] DrawWithRepeats(HashField[] all, int count)
        {
            var fields = new HashField[count];
            for (var i = 0; i < count; i++)
            {
                fields[i] = all[Random.Shared.Next(all.Length)];
            }

            return fields;
        }

        // Redis's CASE 3, asked for much of the hash: shuffle the front of the copy and take it.
        private static HashField[] Shuffled(HashField[] all, int count)
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
