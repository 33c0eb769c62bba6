using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// The options every SCAN-family command reads after its cursor, as Redis's scanGenericCommand reads them:
/// <c>[MATCH pattern] [COUNT count]</c>, and <c>[TYPE type]</c> for SCAN alone. One parser, so SCAN, HSCAN and the
/// collection scans to come answer a bad option with the same error.
/// </summary>
/// <param name="Pattern">The MATCH glob, or null for none (a <c>*</c> is none: nothing to filter).</param>
/// <param name="Count">COUNT, clamped to what a page can hold; 10 when not given.</param>
/// <param name="TypeNamed">Whether TYPE was given (a TYPE no key can have matches nothing).</param>
/// <param name="Type">The type TYPE named, or null when Redis does not know that name.</param>
internal readonly record struct ScanOptions(byte[]? Pattern, int Count, bool TypeNamed, ValueKind? Type)
{
    /// <summary>
    /// Reads the options from <paramref name="first"/> on; returns the error to answer (a syntax error, COUNT not an
    /// integer or below 1, TYPE where the command takes none) or null.
    /// </summary>
    public static RedisReply? TryParse(byte[][] args, int first, bool allowType, out ScanOptions options)
    {
        options = new ScanOptions(null, 10, false, null);
        for (var i = first; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                return RedisReply.Syntax;
            }

            if (RedisArgs.Is(args[i], "MATCH"))
            {
                options = options with { Pattern = Glob.IsMatchAll(args[++i]) ? null : args[i] };
            }
            else if (RedisArgs.Is(args[i], "COUNT"))
            {
                if (!RedisArgs.TryInteger(args[++i], out var count))
                {
                    return RedisReply.NotInteger;
                }

                if (count < 1)
                {
                    return RedisReply.Syntax;
                }

                options = options with { Count = (int)Math.Min(count, int.MaxValue) };
            }
            else if (allowType && RedisArgs.Is(args[i], "TYPE"))
            {
                options = options with { TypeNamed = true, Type = RedisTypes.Parse(args[++i]) };
            }
            else
            {
                return RedisReply.Syntax;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="name"/> passes MATCH.</summary>
    public bool Matches(byte[] name) => Pattern is null || Glob.IsMatch(Pattern, name);
}
