using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>Runs one command for one session; <c>args[0]</c> is the command name as sent.</summary>
internal delegate RedisReply RedisHandler(RedisSession session, byte[][] args);

/// <summary>
/// One row of the command table: the name, Redis's arity (positive: exactly that many words including
/// the name; negative: at least that many), flags, key positions for COMMAND INFO, and the handler.
/// A container command (CONFIG, CLIENT...) has subcommands and no handler of its own.
/// </summary>
internal sealed class RedisCommand(
    string name,
    int arity,
    RedisCommandFlags flags,
    RedisHandler? handler,
    int firstKey = 0,
    int lastKey = 0,
    int step = 0,
    string group = "generic",
    string summary = "",
    string[]? categories = null,
    Func<byte[][], IReadOnlyList<int>>? keys = null)
{
    public string Name { get; } = name;

    /// <summary>What error texts call it: <c>get</c>, or <c>config|get</c> for a subcommand.</summary>
    public string FullName { get; private set; } = name;

    public int Arity { get; } = arity;

    public RedisCommandFlags Flags { get; } = flags;

    public RedisHandler? Handler { get; } = handler;

    public int FirstKey { get; } = firstKey;

    public int LastKey { get; } = lastKey;

    public int Step { get; } = step;

    public string Group { get; } = group;

    public string Summary { get; } = summary;

    /// <summary>Redis's ACL categories, in its order, where they are not just the group's (SORT: @set, @sortedset, @list, @dangerous).</summary>
    public IReadOnlyList<string>? Categories { get; } = categories;

    public Dictionary<string, RedisCommand>? Subcommands { get; private set; }

    /// <summary>Whether COMMAND GETKEYS finds keys in this command's arguments (first/last/step, or its own finder).</summary>
    public bool HasKeys => keys is not null || FirstKey > 0;

    /// <summary>
    /// Where the keys are in <paramref name="args"/> (the command's name first), for COMMAND GETKEYS: the command's own
    /// finder for movable keys (SORT's STORE), else first to last (negative: from the end) by step.
    /// </summary>
    public IReadOnlyList<int> KeyPositions(byte[][] args)
    {
        if (keys is not null)
        {
            return keys(args);
        }

        var positions = new List<int>();
        var last = LastKey < 0 ? args.Length + LastKey : LastKey;
        for (var position = FirstKey; FirstKey > 0 && position <= last && position < args.Length; position += Math.Max(Step, 1))
        {
            positions.Add(position);
        }

        return positions;
    }

    /// <summary>Where this command's counters sit in a server's <see cref="CommandStatistics"/>; numbered once by the table.</summary>
    public int Index { get; private set; } = -1;

    public bool Has(RedisCommandFlags flag) => (Flags & flag) != 0;

    public bool AcceptsArgumentCount(int count) => Arity >= 0 ? count == Arity : count >= -Arity;

    public RedisCommand With(params RedisCommand[] subcommands)
    {
        Subcommands = new Dictionary<string, RedisCommand>(StringComparer.OrdinalIgnoreCase);
        foreach (var subcommand in subcommands)
        {
            subcommand.FullName = $"{Name}|{subcommand.Name}";
            Subcommands[subcommand.Name] = subcommand;
        }

        return this;
    }

    internal void Number(int index) => Index = Index < 0 ? index : throw new InvalidOperationException($"{FullName} is in a command table already");
}
