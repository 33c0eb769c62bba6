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

    public static RedisReply List(RedisSession session, byte[][] args)
    {
        var text = new StringBuilder();
        foreach (var client in session.Server.Clients.Values.OrderBy(client => client.Id))
        {
            text.Append(Describe(client)).Append('\n');
        }

        return new RedisReply.Verbatim(text.ToString());
    }

    public static RedisReply Info(RedisSession session, byte[][] args) => new RedisReply.Verbatim(Describe(session) + "\n");

    // CLIENT KILL ID id | CLIENT KILL addr (the old form, which finds no client: addresses are not tracked).
    public static RedisReply Kill(RedisSession session, byte[][] args)
    {
        if (args.Length == 4 && RedisArgs.Is(args[2], "ID"))
        {
            if (!RedisArgs.TryInteger(args[3], out var id) || id <= 0)
            {
                return new RedisReply.Error(RespErrors.ClientIdNotPositive);
            }

            if (!session.Server.Clients.TryGetValue(id, out var target))
            {
                return RedisReply.Zero;
            }

            target.Kill();
            return RedisReply.One;
        }

        return args.Length == 3 ? new RedisReply.Error(RespErrors.NoSuchClient) : RedisReply.Syntax;
    }

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

    private static string Describe(RedisSession client)
    {
        var now = client.Server.Now;
        var age = (now - client.CreatedAtMs) / 1000;
        var idle = (now - client.LastCommandAtMs) / 1000;
        var flags = client.BlockedIn is not null ? "b" : client.SubscriptionCount > 0 ? "P" : "N";
        return string.Create(CultureInfo.InvariantCulture,
            $"id={client.Id} addr=127.0.0.1:0 laddr=127.0.0.1:{client.Server.Config.Settings.Port} fd=0 name={client.Name} age={age} idle={idle} flags={flags} " +
            $"db={client.DatabaseIndex} sub={client.Channels.Count} psub={client.Patterns.Count} ssub=0 multi=-1 qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 " +
            $"rbs=0 rbp=0 obl=0 oll=0 omem=0 tot-mem=0 events=r cmd={client.LastCommand.ToLowerInvariant()} user=default redir=-1 resp={client.Protocol} " +
            $"lib-name={client.LibraryName} lib-ver={client.LibraryVersion}");
    }
}
