using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>COMMAND, COMMAND COUNT, COMMAND INFO, COMMAND DOCS and COMMAND LIST, read from the command table.</summary>
internal static class CommandCommands
{
    public static RedisReply All(RedisSession session, byte[][] args) =>
        new RedisReply.Array(session.Server.Commands.Top.Select(Describe).ToArray());

    public static RedisReply Count(RedisSession session, byte[][] args) => RedisReply.Of(session.Server.Commands.Top.Count);

    public static RedisReply List(RedisSession session, byte[][] args) =>
        new RedisReply.Array(session.Server.Commands.All.Select(command => RedisReply.Of(command.FullName)).ToArray());

    public static RedisReply Info(RedisSession session, byte[][] args)
    {
        IEnumerable<RedisCommand?> commands = args.Length == 2 ? session.Server.Commands.Top : args.Skip(2).Select(name => Find(session, name));
        return new RedisReply.Array(commands.Select(command => command is null ? RedisReply.NullArray : Describe(command)).ToArray());
    }

    public static RedisReply Docs(RedisSession session, byte[][] args)
    {
        var commands = args.Length == 2 ? session.Server.Commands.Top : args.Skip(2).Select(name => Find(session, name)).OfType<RedisCommand>().ToList();
        return new RedisReply.Map(commands.Select(command => new KeyValuePair<RedisReply, RedisReply>(RedisReply.Of(command!.Name), Document(command))).ToArray());
    }

    // COMMAND GETKEYS command [arg ...]: the key names the command would touch, as getKeysSubcommandImpl finds them.
    public static RedisReply GetKeys(RedisSession session, byte[][] args)
    {
        var commandArgs = args[2..];
        if (Find(session, commandArgs[0]) is not { } command)
        {
            return new RedisReply.Error("ERR Invalid command specified");
        }

        if (command.Subcommands is { } subcommands && commandArgs.Length > 1)
        {
            if (!subcommands.TryGetValue(RedisArgs.Lower(commandArgs[1]), out var subcommand))
            {
                return new RedisReply.Error("ERR Invalid command specified");
            }

            command = subcommand;
        }

        if (!command.HasKeys)
        {
            return new RedisReply.Error("ERR The command has no key arguments");
        }

        if (!command.AcceptsArgumentCount(commandArgs.Length))
        {
            return new RedisReply.Error("ERR Invalid number of arguments specified for command");
        }

        return new RedisReply.Array(command.KeyPositions(commandArgs).Select(position => RedisReply.Of(commandArgs[position])).ToArray());
    }

    private static RedisCommand? Find(RedisSession session, byte[] name) =>
        session.Server.Commands.TryFind(name, out var command) ? command : null;

    // The ten fields of a Redis 7 COMMAND INFO entry.
    private static RedisReply Describe(RedisCommand command) => new RedisReply.Array(
    [
        RedisReply.Of(command.FullName),
        RedisReply.Of(command.Arity),
        new RedisReply.Set(FlagNames(command.Flags).Select(flag => (RedisReply)new RedisReply.Simple(flag)).ToArray()),
        RedisReply.Of(command.FirstKey),
        RedisReply.Of(command.LastKey),
        RedisReply.Of(command.Step),
        new RedisReply.Set(Categories(command).Select(category => (RedisReply)new RedisReply.Simple(category)).ToArray()),
        RedisReply.EmptyArray,
        RedisReply.EmptyArray,
        new RedisReply.Array((command.Subcommands?.Values ?? Enumerable.Empty<RedisCommand>()).Select(Describe).ToArray()),
    ]);

    private static RedisReply Document(RedisCommand command)
    {
        var pairs = new List<KeyValuePair<RedisReply, RedisReply>>
        {
            new(RedisReply.Of("summary"), RedisReply.Of(command.Summary)),
            new(RedisReply.Of("since"), RedisReply.Of("1.0.0")),
            new(RedisReply.Of("group"), RedisReply.Of(command.Group)),
        };
        if (command.Subcommands is { } subcommands)
        {
            pairs.Add(new(RedisReply.Of("subcommands"), new RedisReply.Map(subcommands.Values
                .Select(sub => new KeyValuePair<RedisReply, RedisReply>(RedisReply.Of(sub.FullName), Document(sub))).ToArray())));
        }

        return new RedisReply.Map(pairs);
    }

    // ACL categories in Redis's order: @read/@write, the command's group, then @fast or @slow and @admin.
    private static IEnumerable<string> Categories(RedisCommand command)
    {
        if (command.Categories is { } categories)
        {
            foreach (var category in categories)
            {
                yield return category;
            }

            yield break;
        }

        if (command.Has(RedisCommandFlags.Write)) yield return "@write";
        if (command.Has(RedisCommandFlags.ReadOnly)) yield return "@read";
        yield return "@" + command.Group;
        yield return command.Has(RedisCommandFlags.Fast) ? "@fast" : "@slow";
        if (command.Has(RedisCommandFlags.Admin)) yield return "@admin";
        if (command.Has(RedisCommandFlags.MayBlock)) yield return "@blocking";
    }

    private static IEnumerable<string> FlagNames(RedisCommandFlags flags)
    {
        if ((flags & RedisCommandFlags.Write) != 0) yield return "write";
        if ((flags & RedisCommandFlags.ReadOnly) != 0) yield return "readonly";
        if ((flags & RedisCommandFlags.DenyOom) != 0) yield return "denyoom";
        if ((flags & RedisCommandFlags.Admin) != 0) yield return "admin";
        if ((flags & RedisCommandFlags.PubSub) != 0) yield return "pubsub";
        if ((flags & RedisCommandFlags.NoScript) != 0) yield return "noscript";
        if ((flags & RedisCommandFlags.Loading) != 0) yield return "loading";
        if ((flags & RedisCommandFlags.Stale) != 0) yield return "stale";
        if ((flags & RedisCommandFlags.NoAuth) != 0) yield return "no_auth";
        if ((flags & RedisCommandFlags.Fast) != 0) yield return "fast";
        if ((flags & RedisCommandFlags.MayBlock) != 0) yield return "blocking";
        if ((flags & RedisCommandFlags.MovableKeys) != 0) yield return "movablekeys";
    }
}
