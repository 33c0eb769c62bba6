namespace ReactiveCache.Commands.Redis.Introspection;

/// <summary>
/// What SLOWLOG and MONITOR show in place of secrets: <c>(redacted)</c> for AUTH's user and password, HELLO's AUTH
/// pair and the value of CONFIG SET requirepass, as redactClientCommandArgument does in Redis.
/// </summary>
internal static class SensitiveArguments
{
    private static readonly byte[] s_redacted = "(redacted)"u8.ToArray();

    public static byte[][] Redact(RedisCommand command, byte[][] args)
    {
        switch (command.FullName)
        {
            case "auth":
                return Replace(args, index => index >= 1);
            case "hello":
                var auth = args.Length > 2 ? Array.FindIndex(args, 2, argument => RedisArgs.Is(argument, "AUTH")) : -1;
                return auth < 0 ? args : Replace(args, index => index == auth + 1 || index == auth + 2);
            case "config|set":
                return Replace(args, index => index >= 3 && index % 2 == 1 && IsSecret(args[index - 1]));
            default:
                return args;
        }
    }

    private static bool IsSecret(byte[] name) => RedisArgs.Is(name, "requirepass") || RedisArgs.Is(name, "masterauth");

    private static byte[][] Replace(byte[][] args, Func<int, bool> secret)
    {
        var shown = new byte[args.Length][];
        for (var i = 0; i < args.Length; i++)
        {
            shown[i] = secret(i) ? s_redacted : args[i];
        }

        return shown;
    }
}
