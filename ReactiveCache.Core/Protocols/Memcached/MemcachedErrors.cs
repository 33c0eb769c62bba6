namespace ReactiveCache.Protocols.Memcached;

/// <summary>
/// Every error line of the memcached protocol, in memcached 1.6's own words (doc/protocol.txt,
/// proto_text.c). It sits with the protocol, like <c>NativeErrors</c> and <c>RespErrors</c>: the parser and the
/// framer answer with them, and so do the commands above.
/// </summary>
internal static class MemcachedErrors
{
    public const string UnknownCommand = "ERROR";
    public const string BadCommandLine = "CLIENT_ERROR bad command line format";
    public const string BadDataChunk = "CLIENT_ERROR bad data chunk";
    public const string TooLarge = "SERVER_ERROR object too large for cache";
    // Out of memory (the limit reached with nothing evictable, memcached -M), in proto_text.c's words: storage commands
    // (set, add, ..., ms), then incr/decr, ma and md x, then ma creating a missing item.
    public const string OutOfMemoryStoring = "SERVER_ERROR out of memory storing object";
    public const string OutOfMemory = "SERVER_ERROR out of memory";
    public const string OutOfMemoryNewItem = "SERVER_ERROR Out of memory allocating new item";
    public const string NonNumeric = "CLIENT_ERROR cannot increment or decrement non-numeric value";
    public const string InvalidDelta = "CLIENT_ERROR invalid numeric delta argument";
    public const string InvalidExptime = "CLIENT_ERROR invalid exptime argument";
    public const string DeleteUsage = "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]";
    // Key dumps, in process_stat's and the crawler's words.
    public const string CacheDumpUsage = "CLIENT_ERROR bad command line";
    public const string IllegalSlab = "CLIENT_ERROR Illegal slab id";
    public const string BadClass = "BADCLASS invalid class id";
    public const string LineTooLong = "CLIENT_ERROR line too long";
    public const string MaxClients = "SERVER_ERROR too many open connections";
    public const string OutputOverflow = "SERVER_ERROR output buffer overflow";
    public const string BadFlag = "CLIENT_ERROR invalid flag";
    public const string BadToken = "CLIENT_ERROR bad token in command line format";
    public const string BadMode = "CLIENT_ERROR invalid mode for ms M token";
    public const string DuplicateFlag = "CLIENT_ERROR duplicate flag";
    public const string TooManyFlags = "CLIENT_ERROR options flags are too long";
    public const string OpaqueTooLong = "CLIENT_ERROR opaque token too long";
    public const string KeyDecodingError = "CLIENT_ERROR error decoding key";

    /// <summary>memcached has no such error (it has no types): a client error naming what the key holds.</summary>
    public const string WrongType = "CLIENT_ERROR wrong type: the key holds a {0}, not a value";

    // Authentication, as memcached -Y answers (proto_text.c, try_read_command_asciiauth).
    public const string Unauthenticated = "CLIENT_ERROR unauthenticated";
    public const string AuthenticationFailure = "CLIENT_ERROR authentication failure";
    public const string BadAuthenticationToken = "CLIENT_ERROR bad authentication token format";

    // Protected mode: memcached has none, so Redis's DENIED as a memcached server error.
    public const string Denied =
        "SERVER_ERROR DENIED ReactiveCache is running in protected mode because protected mode is enabled and no password is set. "
        + "In this mode connections are only accepted from the loopback interface. To serve other hosts, set a password "
        + "(--requirepass) or turn protected mode off (--protected-mode no, or CONFIG SET protected-mode no from the loopback interface).";
}
