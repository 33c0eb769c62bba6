using System.Text;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>PING, ECHO, QUIT, RESET, AUTH and HELLO.</summary>
internal static class ConnectionCommands
{
    private static readonly RedisReply s_pong = RedisReply.Of("pong");
    private static readonly RedisReply s_reset = new RedisReply.Simple("RESET");

    public static RedisReply Ping(RedisSession session, byte[][] args)
    {
        if (args.Length > 2)
        {
            return RedisArgs.WrongArguments("ping");
        }

        // A RESP2 subscriber gets ["pong", message] because its replies share the stream with messages.
        if (session.Protocol == 2 && session.SubscriptionCount > 0)
        {
            return new RedisReply.Array([s_pong, args.Length == 2 ? new RedisReply.Bulk(args[1]) : RedisReply.EmptyBulk]);
        }

        return args.Length == 2 ? new RedisReply.Bulk(args[1]) : RedisReply.Pong;
    }

    public static RedisReply Echo(RedisSession session, byte[][] args) => new RedisReply.Bulk(args[1]);

    public static RedisReply Quit(RedisSession session, byte[][] args)
    {
        session.CloseAfterReply();
        return RedisReply.Ok;
    }

    public static RedisReply Reset(RedisSession session, byte[][] args)
    {
        PubSubCommands.UnsubscribeAll(session);
        session.StopMonitoring();
        session.Transaction = null;
        session.Unwatch();
        session.Select(0);
        session.Protocol = 2;
        session.Name = "";
        session.Authenticated = session.Server.Config.RequirePass is null;
        return s_reset;
    }

    // AUTH [username] password: only the default user exists.
    public static RedisReply Auth(RedisSession session, byte[][] args)
    {
        if (args.Length > 3)
        {
            return RedisReply.Syntax;
        }

        var user = args.Length == 3 ? args[1] : "default"u8.ToArray();
        var password = args[^1];
        var access = session.Server.Config.Settings.Access;
        if (!access.RequiresPassword)
        {
            if (args.Length == 2)
            {
                return new RedisReply.Error(RespErrors.AuthWithoutPassword);
            }

            return RedisArgs.Is(user, "default") ? Authenticated(session) : new RedisReply.Error(RespErrors.WrongPass);
        }

        return RedisArgs.Is(user, "default") && access.IsPassword(password)
            ? Authenticated(session)
            : new RedisReply.Error(RespErrors.WrongPass);
    }

    // HELLO [protover [AUTH username password] [SETNAME clientname]]
    public static RedisReply Hello(RedisSession session, byte[][] args)
    {
        var protocol = session.Protocol;
        if (args.Length >= 2)
        {
            if (!RedisArgs.TryInteger(args[1], out var version))
            {
                return new RedisReply.Error(RespErrors.ProtocolVersionNotInteger);
            }

            if (version is < 2 or > 3)
            {
                return new RedisReply.Error(RespErrors.NoProto);
            }

            protocol = (int)version;
        }

        string? name = null;
        for (var i = 2; i < args.Length; i++)
        {
            var more = args.Length - i - 1;
            if (RedisArgs.Is(args[i], "AUTH") && more >= 2)
            {
                var reply = Auth(session, ["AUTH"u8.ToArray(), args[i + 1], args[i + 2]]);
                if (reply is RedisReply.Error)
                {
                    return reply;
                }

                i += 2;
            }
            else if (RedisArgs.Is(args[i], "SETNAME") && more >= 1)
            {
                name = Encoding.UTF8.GetString(args[++i]);
                if (!ClientCommands.IsValidName(name))
                {
                    return new RedisReply.Error(RespErrors.ClientNameInvalid);
                }
            }
            else
            {
                return RedisArgs.Error(RespErrors.HelloSyntax, RedisArgs.Text(args[i]));
            }
        }

        if (!session.Authenticated && session.Server.Config.RequirePass is not null)
        {
            return new RedisReply.Error(RespErrors.HelloNoAuth);
        }

        session.Authenticated = true;
        session.Protocol = protocol;
        if (name is not null)
        {
            session.Name = name;
        }

        return new RedisReply.Map(
        [
            Pair("server", RedisReply.Of("redis")),
            Pair("version", RedisReply.Of(ServerInfo.RedisVersion)),
            Pair("proto", RedisReply.Of(protocol)),
            Pair("id", RedisReply.Of(session.Id)),
            Pair("mode", RedisReply.Of("standalone")),
            Pair("role", RedisReply.Of("master")),
            Pair("modules", RedisReply.EmptyArray),
        ]);
    }

    private static RedisReply Authenticated(RedisSession session)
    {
        session.Authenticated = true;
        return RedisReply.Ok;
    }

    private static KeyValuePair<RedisReply, RedisReply> Pair(string key, RedisReply value) => new(RedisReply.Of(key), value);
}
