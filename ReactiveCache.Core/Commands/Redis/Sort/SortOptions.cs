using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis.Sort;

/// <summary>
/// SORT's and SORT_RO's <c>key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA] [STORE destination]</c>,
/// read as sortCommandGeneric reads it: words in any order, the last one of each kind winning, a word without its
/// arguments a syntax error, and STORE no word at all to SORT_RO.
/// </summary>
internal sealed class SortOptions
{
    private SortOptions(byte[] key) => Key = key;

    public byte[] Key { get; }

    public bool Descending { get; private set; }

    public bool Alpha { get; private set; }

    public long LimitStart { get; private set; }

    /// <summary>How many to take; negative (the default) takes the rest.</summary>
    public long LimitCount { get; private set; } = -1;

    /// <summary>The BY pattern; null sorts by the elements themselves.</summary>
    public SortPattern? By { get; private set; }

    /// <summary>
    /// A BY pattern without <c>*</c> was given (<c>BY nosort</c>): the elements keep the collection's order. Redis sets
    /// this for any such BY and never clears it, even when a later BY has a <c>*</c>.
    /// </summary>
    public bool DontSort { get; private set; }

    public IReadOnlyList<SortPattern> Gets { get; private set; } = [];

    public byte[]? Destination { get; private set; }

    /// <summary>
    /// SORT's keys for COMMAND GETKEYS, as sortGetKeys finds them: the sorted key, and the last STORE's destination,
    /// skipping LIMIT's two arguments and GET's and BY's one (BY and GET keys are not listed: they come from the data).
    /// </summary>
    public static IReadOnlyList<int> KeyPositions(byte[][] args)
    {
        var store = -1;
        for (var i = 2; i < args.Length; i++)
        {
            if (RedisArgs.Is(args[i], "LIMIT"))
            {
                i += 2;
            }
            else if (RedisArgs.Is(args[i], "STORE") && i + 1 < args.Length)
            {
                store = i + 1;
            }
            else if (RedisArgs.Is(args[i], "GET") || RedisArgs.Is(args[i], "BY"))
            {
                i++;
            }
        }

        return store < 0 ? [1] : [1, store];
    }

    /// <summary>The options, or null with <paramref name="error"/> set: a syntax error or a LIMIT that is not an integer.</summary>
    public static SortOptions? Parse(byte[][] args, bool readOnly, out RedisReply? error)
    {
        error = null;
        var options = new SortOptions(args[1]);
        var gets = new List<SortPattern>();
        for (var j = 2; j < args.Length; j++)
        {
            var left = args.Length - j - 1;
            var word = args[j];
            if (RedisArgs.Is(word, "ASC"))
            {
                options.Descending = false;
            }
            else if (RedisArgs.Is(word, "DESC"))
            {
                options.Descending = true;
            }
            else if (RedisArgs.Is(word, "ALPHA"))
            {
                options.Alpha = true;
            }
            else if (RedisArgs.Is(word, "LIMIT") && left >= 2)
            {
                if (!RedisArgs.TryInteger(args[j + 1], out var start) || !RedisArgs.TryInteger(args[j + 2], out var count))
                {
                    error = RedisReply.NotInteger;
                    return null;
                }

                (options.LimitStart, options.LimitCount) = (start, count);
                j += 2;
            }
            else if (!readOnly && RedisArgs.Is(word, "STORE") && left >= 1)
            {
                options.Destination = args[++j];
            }
            else if (RedisArgs.Is(word, "BY") && left >= 1)
            {
                options.By = new SortPattern(args[++j]);
                options.DontSort |= !options.By.HasStar;
            }
            else if (RedisArgs.Is(word, "GET") && left >= 1)
            {
                gets.Add(new SortPattern(args[++j]));
            }
            else
            {
                error = RedisReply.Syntax;
                return null;
            }
        }

        options.Gets = gets;
        return options;
    }
}
