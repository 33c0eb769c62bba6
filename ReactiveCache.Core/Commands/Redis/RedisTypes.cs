using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>The names Redis gives the value types: TYPE's reply, SCAN's TYPE filter.</summary>
internal static class RedisTypes
{
    private static readonly RedisReply[] s_replies = [.. Enum.GetValues<ValueKind>().Select(kind => (RedisReply)new RedisReply.Simple(Name(kind)))];

    public static string Name(ValueKind kind) => kind switch
    {
        ValueKind.String => "string",
        ValueKind.Hash => "hash",
        ValueKind.List => "list",
        ValueKind.Set => "set",
        ValueKind.SortedSet => "zset",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static RedisReply Reply(ValueKind kind) => s_replies[(int)kind];

    /// <summary>The kind a TYPE filter names; an unknown name matches nothing (as in Redis 7.0, which filters by name).</summary>
    public static ValueKind? Parse(byte[] name)
    {
        foreach (var kind in Enum.GetValues<ValueKind>())
        {
            if (RedisArgs.Is(name, Name(kind)))
            {
                return kind;
            }
        }

        return null;
    }
}
