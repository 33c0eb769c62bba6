using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// What LPOS looks for (lposCommand in t_list.c): an element, the rank of the first match to report (negative
/// searches from the tail), how many matches (0 all, absent one as a plain integer) and how many elements to scan.
/// </summary>
internal sealed record ListPosition(byte[] Element, long Rank, long Count, long MaxLen)
{
    /// <summary>True when COUNT was given: the reply is an array of indexes, not one index or null.</summary>
    public bool WantsArray => Count >= 0;

    public static bool TryParse(byte[][] args, out ListPosition search, out RedisReply? error)
    {
        search = null!;
        error = null;
        long rank = 1, count = -1, maxLen = 0;
        for (var i = 3; i < args.Length; i++)
        {
            var hasValue = i + 1 < args.Length;
            if (hasValue && RedisArgs.Is(args[i], "RANK"))
            {
                if (!RedisArgs.TryInteger(args[++i], out rank))
                {
                    error = RedisReply.NotInteger;
                    return false;
                }

                if (rank == 0)
                {
                    error = new RedisReply.Error(RespErrors.RankZero);
                    return false;
                }
            }
            else if (hasValue && RedisArgs.Is(args[i], "COUNT"))
            {
                if (!RedisArgs.TryInteger(args[++i], out count) || count < 0)
                {
                    error = new RedisReply.Error(RespErrors.CountNegative);
                    return false;
                }
            }
            else if (hasValue && RedisArgs.Is(args[i], "MAXLEN"))
            {
                if (!RedisArgs.TryInteger(args[++i], out maxLen) || maxLen < 0)
                {
                    error = new RedisReply.Error(RespErrors.MaxLenNegative);
                    return false;
                }
            }
            else
            {
                error = RedisReply.Syntax;
                return false;
            }
        }

        search = new ListPosition(args[2], rank, count, maxLen);
        return true;
    }

    /// <summary>
    /// The indexes (from the head, as LINDEX counts) of the matches to report, scanning at most MAXLEN elements from
    /// the head, or from the tail for a negative rank: bounded by the list, whatever the numbers asked.
    /// </summary>
    public long[] Find(ListValue list)
    {
        // Redis 7.0 negates the rank in a long, so RANK -9223372036854775808 stays negative and reports the first match
        // from the tail; this does the same without the overflow.
        var fromTail = Rank < 0;
        var skip = Rank == long.MinValue ? 0 : Math.Abs(Rank) - 1;
        var wanted = WantsArray ? Count : 1;
        var scan = MaxLen == 0 ? list.Count : (int)Math.Min(MaxLen, list.Count);
        var found = new List<long>();
        var matches = 0L;
        for (var step = 0; step < scan; step++)
        {
            var index = fromTail ? list.Count - step - 1 : step;
            if (!list[index].AsSpan().SequenceEqual(Element) || matches++ < skip)
            {
                continue;
            }

            found.Add(index);
            if (wanted != 0 && found.Count >= wanted)
            {
                break;
            }
        }

        return [.. found];
    }
}
