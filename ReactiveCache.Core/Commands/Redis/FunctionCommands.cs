using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// FUNCTION FLUSH [ASYNC | SYNC]. This server has no scripting, so there are never functions to delete; the
/// command exists because tools reset a server with it (the upstream Tcl suite sends it before each test file).
/// </summary>
internal static class FunctionCommands
{
    public static RedisReply Flush(RedisSession session, byte[][] args) => args.Length switch
    {
        2 => RedisReply.Ok,
        3 when RedisArgs.Is(args[2], "ASYNC") || RedisArgs.Is(args[2], "SYNC") => RedisReply.Ok,
        3 => new RedisReply.Error(RespErrors.FunctionFlushOption),
        _ => new RedisReply.Error(string.Format(System.Globalization.CultureInfo.InvariantCulture, RespErrors.SubcommandSyntax, "flush", "FUNCTION")),
    };
}
