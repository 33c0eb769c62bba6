using System.Globalization;
using ReactiveCache.Networking;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// One client as CLIENT LIST and CLIENT INFO describe it (catClientInfoString in networking.c, with 7.2's lib-name and
/// lib-ver), and the client types CLIENT LIST TYPE and CLIENT KILL TYPE pick by. The addresses and descriptor are the
/// socket's; the buffer figures are what the connection holds now: qbuf the input read but not yet executed, omem the
/// output the client has not taken, tot-mem both.
/// </summary>
internal static class ClientList
{
    /// <summary>getClientTypeByName: normal, pubsub, and the replication types, which no client here has.</summary>
    public static bool TryParseType(string name, out string type)
    {
        type = name.ToLowerInvariant() switch
        {
            "normal" => "normal",
            "pubsub" => "pubsub",
            "slave" or "replica" => "slave",
            "master" => "master",
            _ => "",
        };
        return type.Length > 0;
    }

    /// <summary>getClientType: a client subscribed to a channel or pattern is pubsub, every other one normal.</summary>
    public static string TypeOf(RedisSession client) => client.SubscriptionCount > 0 ? "pubsub" : "normal";

    public static string Address(RedisSession client) => EndPointText.Of(client.Connection?.RemoteEndPoint);

    public static string LocalAddress(RedisSession client) =>
        client.Connection?.LocalEndPoint is { } local ? EndPointText.Of(local) : EndPointText.Of(null);

    public static string Describe(RedisSession client)
    {
        var now = client.Server.Now;
        var connection = client.Connection;
        var transaction = client.Transaction;
        return string.Create(CultureInfo.InvariantCulture,
            $"id={client.Id} addr={Address(client)} laddr={LocalAddress(client)} fd={connection?.Handle ?? -1} name={client.Name} " +
            $"age={(now - client.CreatedAtMs) / 1000} idle={(now - client.LastCommandAtMs) / 1000} flags={Flags(client)} " +
            $"db={client.DatabaseIndex} sub={client.Channels.Count} psub={client.Patterns.Count} ssub=0 multi={transaction?.Queued.Count ?? -1} " +
            $"qbuf={connection?.InputHeldBytes ?? 0} qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 " +
            $"omem={connection?.PendingOutputBytes ?? 0} tot-mem={connection?.MemoryBytes ?? 0} events={(connection?.IsWriting == true ? "rw" : "r")} " +
            $"cmd={client.LastCommand.ToLowerInvariant()} user=default redir=-1 resp={client.Protocol} " +
            $"lib-name={client.LibraryName} lib-ver={client.LibraryVersion}");
    }

    // In catClientInfoString's order; N when none applies.
    private static string Flags(RedisSession client)
    {
        Span<char> flags = stackalloc char[7];
        var count = 0;
        if (client.Monitoring)
        {
            flags[count++] = 'O';
        }

        if (client.SubscriptionCount > 0)
        {
            flags[count++] = 'P';
        }

        if (client.Transaction is not null)
        {
            flags[count++] = 'x';
        }

        if (client.BlockedIn is not null)
        {
            flags[count++] = 'b';
        }

        if (client.WatchTouched)
        {
            flags[count++] = 'd';
        }

        if (client.ClosingAfterReply)
        {
            flags[count++] = 'c';
        }

        if (client.Killed)
        {
            flags[count++] = 'A';
        }

        return count == 0 ? "N" : new string(flags[..count]);
    }
}
