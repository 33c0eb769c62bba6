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
/// costs more than a few probes.
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

        var fields = session.Store.Write((Key: args[1], Count: (int)count), static (writer, state) =>
            writer.TryGetHash(state.Key, out _, out var hash) ? Sample(hash, state.Count) : []);
        return Reply(fields, withValues, session.Protocol);
    }

    private static HashField[] Sample(HashValue hash, int count) =>
        count < 0 ? WithRepeats(hash, -count)
        : count >= hash.Count ? hash.ToArray()
        : Distinct(hash, count);

    private static HashField[] WithRepeats(HashValue hash, int count)
    {
        var fields = new HashField[count];
        if (IsSparse(hash))
        {
            var all = hash.ToArray();
            for (var i = 0; i < count; i++)
            {
                fields[i] = all[Random.Shared.Next(all.Length)];
            }
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                fields[i] = Draw(hash);
            }
        }

        return fields;
    }

    // Asked for most of the hash (Redis's CASE 3: more than a third), or over sparse slots: shuffle a copy and take
    // the front. Otherwise (CASE 4) draw slots until enough distinct ones came up.
    private static HashField[] Distinct(HashValue hash, int count)
    {
        if ((long)count * 3 > hash.Count || IsSparse(hash))
        {
            var all = hash.ToArray();
            for (var i = 0; i < count; i++)
            {
                var j = Random.Shared.Next(i, all.Length);
                (all[i], all[j]) = (all[j], all[i]);
            }

            return all[..count];
        }

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
}
