namespace ReactiveCache.Commands.Native;

/// <summary>The text of HELP: one line per command.</summary>
internal static class NativeHelp
{
    public static readonly IReadOnlyList<string> Lines =
    [
        "PUT <key> <value>            store a value (clears any expiry); ERR out of memory when full under noeviction",
        "GET <key>                    VALUE <value> or NOT_FOUND",
        "DEL <key>                    DELETED or NOT_FOUND",
        "EXPIRE <key> <seconds>       set a time to live",
        "TTL <key>                    TTL <seconds>, TTL -1 (no expiry) or NOT_FOUND",
        "PERSIST <key>                remove the time to live",
        "KEYS [<glob>]                KEY <key> lines, then END",
        "WATCH <glob> [FROM <seq>]    WATCHING <glob> <seq>, then CHANGE <seq> <kind> <key> [<value>] lines",
        "UNWATCH                      stop every watch of this connection",
        "AUTH <password>              OK, or ERR WRONGPASS; with --requirepass, needed before all but HELP and QUIT",
        "PING                         PONG",
        "STATS                        STAT <name> <value> lines (keys, used_memory, maxmemory, evicted_keys ...), then END",
        "HELP                         this text",
        "QUIT                         BYE, then the server closes the connection",
    ];
}
