using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>A container command's HELP as addReplyHelp writes it: a header, the lines given, then HELP itself, as status lines.</summary>
internal static class HelpReply
{
    public static RedisReply For(string command, params string[] lines) =>
        new RedisReply.Array([
            new RedisReply.Simple($"{command.ToUpperInvariant()} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"),
            .. lines.Select(line => new RedisReply.Simple(line)),
            new RedisReply.Simple("HELP"),
            new RedisReply.Simple("    Prints this help."),
        ]);
}
