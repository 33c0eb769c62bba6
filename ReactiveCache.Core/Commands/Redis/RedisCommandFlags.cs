namespace ReactiveCache.Commands.Redis;

/// <summary>What the dispatcher must know about a command before running it, and what COMMAND INFO reports.</summary>
[Flags]
internal enum RedisCommandFlags
{
    None = 0,
    Write = 1,
    ReadOnly = 2,
    DenyOom = 4,
    Fast = 8,
    Admin = 16,
    PubSub = 32,
    NoScript = 64,
    Loading = 128,
    Stale = 256,

    /// <summary>Runs before AUTH (AUTH, HELLO, QUIT, RESET).</summary>
    NoAuth = 512,

    /// <summary>Allowed to a RESP2 client in subscriber mode (the (P)SUBSCRIBE family, PING, QUIT, RESET).</summary>
    AllowedWhileSubscribed = 1024,

    /// <summary>Runs at once even inside MULTI (EXEC, DISCARD, MULTI, WATCH, QUIT, RESET).</summary>
    Transaction = 2048,

    /// <summary>Refused inside MULTI, which then fails (Redis's no-multi: SHUTDOWN, SAVE, SYNC, PSYNC).</summary>
    NoMulti = 4096,

    /// <summary>May block the client until a write serves it (BLPOP, BZPOPMIN...): Redis's "blocking" flag and @blocking category.</summary>
    MayBlock = 8192,

    /// <summary>Keys beyond first/last/step, found by reading the arguments (SORT's STORE, BY and GET): Redis's "movablekeys".</summary>
    MovableKeys = 16384,
}
