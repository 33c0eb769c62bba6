namespace ReactiveCache.Protocols.Resp;

/// <summary>
/// Every error text the Redis protocol answers with, worded byte for byte as Redis 7.2 words it
/// (server.c, networking.c, t_string.c, t_hash.c, expire.c, db.c, cluster.c, config.c). Formats take the lower-case command name.
/// </summary>
internal static class RespErrors
{
    // Broken streams (networking.c): the connection is closed after "-ERR Protocol error: ...".
    public const string TooBigInline = "Protocol error: too big inline request";
    public const string UnbalancedQuotes = "Protocol error: unbalanced quotes in request";
    public const string TooBigMultibulkCount = "Protocol error: too big mbulk count string";
    public const string InvalidMultibulkLength = "Protocol error: invalid multibulk length";
    public const string TooBigBulkCount = "Protocol error: too big bulk count string";
    public const string ExpectedDollar = "Protocol error: expected '$', got '{0}'";
    public const string InvalidBulkLength = "Protocol error: invalid bulk length";
    public const string UnauthenticatedMultibulkLength = "Protocol error: unauthenticated multibulk length";
    public const string UnauthenticatedBulkLength = "Protocol error: unauthenticated bulk length";
    public const string MaxClients = "ERR max number of clients reached";

    // Protected mode (clientAcceptHandler in Redis 7.0.15's networking.c): written at accept, then the connection closes.
    public const string Denied =
        "DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. "
        + "In this mode connections are only accepted from the loopback interface. "
        + "If you want to connect from external computers to Redis you may adopt one of the following solutions: "
        + "1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface "
        + "by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible "
        + "from internet if you do so. Use CONFIG REWRITE to make this change permanent. "
        + "2) Alternatively you can just disable the protected mode by editing the Redis configuration file, and setting "
        + "the protected mode option to 'no', and then restarting the server. "
        + "3) If you started the server manually just for testing, restart it with the '--protected-mode no' option. "
        + "4) Setup a an authentication password for the default user. "
        + "NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.";

    // Command errors: a reply, and the session goes on.
    public const string UnknownCommand = "ERR unknown command '{0}', with args beginning with: {1}";
    public const string UnknownSubcommand = "ERR unknown subcommand '{0}'. Try {1} HELP.";
    public const string WrongArguments = "ERR wrong number of arguments for '{0}' command";
    public const string Syntax = "ERR syntax error";
    public const string NotInteger = "ERR value is not an integer or out of range";
    public const string NotFloat = "ERR value is not a valid float";
    public const string Overflow = "ERR increment or decrement would overflow";
    public const string DecrementOverflow = "ERR decrement would overflow";
    public const string NaNOrInfinity = "ERR increment would produce NaN or Infinity";
    public const string HashNotInteger = "ERR hash value is not an integer";
    public const string HashNotFloat = "ERR hash value is not a float";
    public const string IncrementNaNOrInfinity = "ERR value is NaN or Infinity";
    public const string ValueOutOfRange = "ERR value is out of range";
    public const string SortNotNumbers = "ERR One or more scores can't be converted into double";
    public const string CountOutOfRange = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    public const string BusyKey = "BUSYKEY Target key name already exists.";
    public const string InvalidTtl = "ERR Invalid TTL value, must be >= 0";
    public const string InvalidIdleTime = "ERR Invalid IDLETIME value, must be >= 0";
    public const string InvalidFrequency = "ERR Invalid FREQ value, must be >= 0 and <= 255";
    public const string DumpPayloadInvalid = "ERR DUMP payload version or checksum are wrong";
    public const string BadDataFormat = "ERR Bad data format";
    public const string InvalidExpireTime = "ERR invalid expire time in '{0}' command";
    public const string NoSuchKey = "ERR no such key";
    public const string OffsetOutOfRange = "ERR offset is out of range";
    public const string StringTooLong = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    public const string DbIndexOutOfRange = "ERR DB index is out of range";
    public const string InvalidCursor = "ERR invalid cursor";
    public const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public const string ExpireNxAndOthers = "ERR NX and XX, GT or LT options at the same time are not compatible";
    public const string ExpireGtAndLt = "ERR GT and LT options at the same time are not compatible";
    public const string UnsupportedOption = "ERR Unsupported option {0}";
    public const string CopySameKey = "ERR source and destination objects are the same";
    public const string NoAuth = "NOAUTH Authentication required.";
    public const string WrongPass = "WRONGPASS invalid username-password pair or user is disabled.";
    public const string AuthWithoutPassword =
        "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?";
    public const string HelloNoAuth =
        "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time";
    public const string NoProto = "NOPROTO unsupported protocol version";
    public const string ProtocolVersionNotInteger = "ERR Protocol version is not an integer or out of range";
    public const string HelloSyntax = "ERR Syntax error in HELLO option '{0}'";
    public const string ClusterDisabled = "ERR This instance has cluster support disabled";
    public const string SubscribeContext =
        "ERR Can't execute '{0}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";
    public const string ClientNameInvalid = "ERR Client names cannot contain spaces, newlines or special characters.";
    public const string ClientInfoInvalid = "ERR {0} cannot contain spaces, newlines or special characters.";
    public const string ClientSetInfoUnknown = "ERR Unrecognized option '{0}'";
    public const string ClientIdNotPositive = "ERR client-id should be greater than 0";
    public const string NoSuchClient = "ERR No such client";
    public const string InvalidClientId = "ERR Invalid client ID";
    public const string UnknownClientType = "ERR Unknown client type '{0}'";
    public const string NoSuchUser = "ERR No such user '{0}'";
    public const string ConfigSetUnknown = "ERR Unknown option or number of arguments for CONFIG SET - '{0}'";
    public const string ConfigSetImmutable = "ERR CONFIG SET failed (possibly related to argument '{0}') - can't set immutable config";
    public const string ConfigSetInvalid = "ERR CONFIG SET failed (possibly related to argument '{0}') - {1}";
    public const string InvalidEventClass = "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";
    public const string ConfigNoFile = "ERR The server is running without a config file";
    public const string ConfigRewriteFailed = "ERR Rewriting config file: {0}";
    public const string ConfigDuplicate = "duplicate parameter";
    public const string ConfigNotInteger = "argument couldn't be parsed into an integer";
    public const string ConfigOutOfRange = "argument must be between {0} and {1} inclusive";
    public const string ConfigNotMemory = "argument must be a memory value";
    public const string YesOrNo = "argument must be 'yes' or 'no'";
    public const string InvalidArgument = "argument must be a memory or percent value";
    public const string NotMemoryValue = "argument must be a memory value";
    public const string MemoryValueRange = "argument must be between {0} and 9223372036854775807 inclusive";
    public const string MultiNested = "ERR MULTI calls can not be nested";
    public const string ExecWithoutMulti = "ERR EXEC without MULTI";
    public const string DiscardWithoutMulti = "ERR DISCARD without MULTI";
    public const string WatchInsideMulti = "ERR WATCH inside MULTI is not allowed";
    public const string NotAllowedInMulti = "ERR Command not allowed inside a transaction";
    public const string SubcommandSyntax = "ERR unknown subcommand or wrong number of arguments for '{0}'. Try {1} HELP.";
    public const string FunctionFlushOption = "ERR FUNCTION FLUSH only supports SYNC|ASYNC option";
    public const string TimeoutNotFloat = "ERR timeout is not a float or out of range";
    public const string TimeoutNegative = "ERR timeout is negative";
    public const string TimeoutOutOfRange = "ERR timeout is out of range";
    public const string Unblocked = "UNBLOCKED client unblocked via CLIENT UNBLOCK";
    // Lists (t_list.c, and getPositiveLongFromObjectOrReply's default in object.c).
    public const string MustBePositive = "ERR value is out of range, must be positive";
    public const string IndexOutOfRange = "ERR index out of range";
    public const string RankZero = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";
    public const string CountNegative = "ERR COUNT can't be negative";
    public const string MaxLenNegative = "ERR MAXLEN can't be negative";
    public const string NumKeysNotPositive = "ERR numkeys should be greater than 0";
    public const string CountNotPositive = "ERR count should be greater than 0";
    public const string LimitNegative = "ERR LIMIT can't be negative";
    public const string UnblockReason = "ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR";
    public const string ExecAbort = "EXECABORT Transaction discarded because of previous errors.";
    public const string ExecAbortBecause = "EXECABORT Transaction discarded because of: {0}";
    public const string OutOfMemory = "OOM command not allowed when used memory > 'maxmemory'.";

    // Sets (t_set.c): SINTERCARD's numkeys and LIMIT share the list's texts above; SPOP's count is MustBePositive.
    public const string NumKeysTooMany = "ERR Number of keys can't be greater than number of args";

    // enumConfigSet in config.c lists maxmemory_policy_enum in its own order (not EvictionPolicies.Names').
    public const string EvictionPolicyNames =
        "argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction";

    // objectCommand in object.c.
    public const string FrequencyNotTracked = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    public const string IdleTimeNotTracked = "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    public const string ShutdownNotAllowed = "ERR Errors trying to SHUTDOWN. Check logs.";
    public const string NoShutdownInProgress = "ERR No shutdown in progress.";

    // Sorted sets (t_zset.c, Redis 7.0.15).
    public const string ZAddXxAndNx = "ERR XX and NX options at the same time are not compatible";
    public const string ZAddGtLtNx = "ERR GT, LT, and/or NX options at the same time are not compatible";
    public const string ZAddIncrSinglePair = "ERR INCR option supports a single increment-element pair";
    public const string ScoreNaN = "ERR resulting score is not a number (NaN)";
    public const string MinMaxNotFloat = "ERR min or max is not a float";
    public const string MinMaxNotLex = "ERR min or max not valid string range item";
    public const string LimitNeedsByScoreOrLex = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
    public const string WithScoresByLex = "ERR syntax error, WITHSCORES not supported in combination with BYLEX";
    public const string NotPositive = "ERR value is out of range, must be positive";
    public const string WeightNotFloat = "ERR weight value is not a float";
    public const string AtLeastOneInputKey = "ERR at least 1 input key is needed for '{0}' command";

    // slowlog.c and latency.c.
    public const string SlowLogCount = "ERR count should be greater than or equal to -1";
    public const string LatencyNoSamples = "ERR No samples available for event '{0}'";
}
