using System.Globalization;
using System.Text;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>CLIENT ID, SETNAME, GETNAME, SETINFO, LIST, INFO, KILL and UNBLOCK.</summary>
internal static class ClientCommands
{
    public static RedisReply Id(RedisSession session, byte[][] args) => RedisReply.Of(session.Id);

    public static RedisReply SetName(RedisSession session, byte[][] args)
    {
        var name = Encoding.UTF8.GetString(args[2]);
        if (!IsValidName(name))
        {
            return new RedisReply.Error(RespErrors.ClientNameInvalid);
        }

        session.Name = name;
        return RedisReply.Ok;
    }

    public static RedisReply GetName(RedisSession session, byte[][] args) =>
        session.Name.Length == 0 ? RedisReply.NullBulk : RedisReply.Of(session.Name);

    // CLIENT SETINFO LIB-NAME name | LIB-VER version
    public static RedisReply SetInfo(RedisSession session, byte[][] args)
    {
        var value = Encoding.UTF8.GetString(args[3]);
        if (RedisArgs.Is(args[2], "LIB-NAME"))
        {
            if (!IsValidName(value))
            {
                return RedisArgs.Error(RespErrors.ClientInfoInvalid, "lib-name");
            }

            session.LibraryName = value;
        }
        else if (RedisArgs.Is(args[2], "LIB-VER"))
        {
            if (!IsValidName(value))
            {
                return RedisArgs.Error(RespErrors.ClientInfoInvalid, "lib-ver");
            }

            session.LibraryVersion = value;
        }
        else
        {
            return RedisArgs.Error(RespErrors.ClientSetInfoUnknown, RedisArgs.Text(args[2]));
        }

        return RedisReply.Ok;
    }

    // CLIENT LIST [TYPE type | ID id [id ...]]
    public static RedisReply List(RedisSession session, byte[][] args)
    {
        IEnumerable<RedisSession> clients;
        if (args.Length == 4 && RedisArgs.Is(args[2], "TYPE"))
        {
            if (!ClientList.TryParseType(RedisArgs.Text(args[3]), out var type))
            {
                return RedisArgs.Error(RespErrors.UnknownClientType, RedisArgs.Text(args[3]));
            }

            clients = AllClients(session).Where(client => ClientList.TypeOf(client) == type);
        }
        else if (args.Length > 3 && RedisArgs.Is(args[2], "ID"))
        {
            // In the order asked, as Redis looks each one up.
            var found = new List<RedisSession>();
            for (var i = 3; i < args.Length; i++)
            {
                if (!RedisArgs.TryInteger(args[i], out var id))
                {
                    return new RedisReply.Error(RespErrors.InvalidClientId);
                }

                if (session.Server.Clients.TryGetValue(id, out var client))
                {
                    found.Add(client);
                }
            }

            clients = found;
        }
        else if (args.Length != 2)
        {
            return RedisReply.Syntax;
        }
        else
        {
            clients = AllClients(session);
        }

        var text = new StringBuilder();
        foreach (var client in clients)
        {
            text.Append(ClientList.Describe(client)).Append('\n');
        }

        return new RedisReply.Verbatim(text.ToString());
    }

    public static RedisReply Info(RedisSession session, byte[][] args) => new RedisReply.Verbatim(ClientList.Describe(session) + "\n");

    // CLIENT KILL ip:port (the old form: OK, or an error when no client has that address; a client may kill itself), or
    // CLIENT KILL [ID id] [TYPE type] [USER name] [ADDR ip:port] [LADDR ip:port] [SKIPME yes|no] (the number killed).
    public static RedisReply Kill(RedisSession session, byte[][] args)
    {
        if (args.Length == 3)
        {
            var address = RedisArgs.Text(args[2]);
            var matching = AllClients(session).Where(client => ClientList.Address(client) == address).ToList();
            matching.ForEach(client => KillOne(session, client));
            return matching.Count == 0 ? new RedisReply.Error(RespErrors.NoSuchClient) : RedisReply.Ok;
        }

        if (KillFilter.TryParse(args, out var filter) is { } error)
        {
            return error;
        }

        var killed = AllClients(session).Where(client => filter.Matches(client, session)).ToList();
        killed.ForEach(client => KillOne(session, client));
        return RedisReply.Of(killed.Count);
    }

    // A client killing itself gets its reply first (CLIENT_CLOSE_AFTER_REPLY); any other is closed now.
    private static void KillOne(RedisSession session, RedisSession client)
    {
        if (client == session)
        {
            session.CloseAfterReply();
        }
        else
        {
            client.Kill();
        }
    }

    // A killed client is gone for Redis at once (freeClient); here it leaves the list when its connection has closed.
    private static IEnumerable<RedisSession> AllClients(RedisSession session) =>
        session.Server.Clients.Values.Where(client => !client.Killed).OrderBy(client => client.Id);

    // CLIENT UNBLOCK id [TIMEOUT|ERROR]: 1 when the client was blocked and is not any more (it gets its timeout's
    // null, or -UNBLOCKED), 0 otherwise; the reason is read before the id, as clientCommand does.
    public static RedisReply Unblock(RedisSession session, byte[][] args)
    {
        if (args.Length > 4)
        {
            return new RedisReply.Error(string.Format(CultureInfo.InvariantCulture, RespErrors.SubcommandSyntax, "unblock", "CLIENT"));
        }

        var withError = false;
        if (args.Length == 4)
        {
            withError = RedisArgs.Is(args[3], "ERROR");
            if (!withError && !RedisArgs.Is(args[3], "TIMEOUT"))
            {
                return new RedisReply.Error(RespErrors.UnblockReason);
            }
        }

        if (!RedisArgs.TryInteger(args[2], out var id))
        {
            return RedisReply.NotInteger;
        }

        return RedisReply.Of(session.Server.Clients.TryGetValue(id, out var target)
            && target.BlockedIn is { } unblock
            && unblock(withError));
    }

    /// <summary>Names may not hold spaces, line breaks or characters outside '!'..'~' (clientSetName in networking.c).</summary>
    public static bool IsValidName(string name) => name.All(c => c is >= '!' and <= '~');
}
