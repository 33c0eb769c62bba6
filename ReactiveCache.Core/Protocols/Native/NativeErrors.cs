namespace ReactiveCache.Protocols.Native;

/// <summary>Every error text of the native protocol (the wire form is <c>ERR &lt;text&gt;</c>).</summary>
internal static class NativeErrors
{
    public const string UnknownCommand = "unknown command";
    public const string WrongArguments = "wrong number of arguments";
    public const string InvalidKey = "invalid key";
    public const string WrongType = "wrong type: the key holds a {0}, not a string";
    /// <summary>A write that adds data met a full store whose policy may evict nothing; reads and deletes go on.</summary>
    public const string OutOfMemory = "out of memory";
    public const string NotANumber = "not a number";
    public const string InvalidUtf8 = "invalid UTF-8";
    public const string InvalidExpireTime = "invalid expire time";
    public const string LineTooLong = "line too long";
    public const string MaxClients = "max number of clients reached";
    public const string WatchBufferOverflow = "watch buffer overflow";
    public const string TooManyWatches = "too many watches on this connection (at most {0}; UNWATCH first)";
    public const string NoAuth = "NOAUTH Authentication required.";
    public const string WrongPass = "WRONGPASS invalid password";
    public const string AuthWithoutPassword = "AUTH called without any password configured. Are you sure your configuration is correct?";

    // Protected mode, in the words of Redis's DENIED (networking.c), shortened to what applies here.
    public const string Denied =
        "DENIED ReactiveCache is running in protected mode because protected mode is enabled and no password is set. "
        + "In this mode connections are only accepted from the loopback interface. To serve other hosts, set a password "
        + "(--requirepass, or CONFIG SET requirepass on the Redis port) or turn protected mode off "
        + "(--protected-mode no, or CONFIG SET protected-mode no from the loopback interface).";
}
