namespace ReactiveCache.Protocols.Resp;

/// <summary>
/// How much a client may send in one request before its stream is declared broken. The defaults are Redis's:
/// 64 KiB inline lines and length lines, 512 MB bulk strings (<c>proto-max-bulk-len</c>), 1 GB held by one
/// unfinished request (<c>client-query-buffer-limit</c>). Redis allows multibulk counts up to
/// <see cref="int.MaxValue"/>; here the default is 1 Mi arguments, so a count alone says little about memory.
/// </summary>
/// <remarks>
/// As fixed limits these are also the answer for a connection with no password to give (framer specs, tools).
/// </remarks>
internal sealed record RespLimits(
    int MaxInlineLength = 64 * 1024,
    long MaxBulkLength = 512L * 1024 * 1024,
    int MaxMultibulkLength = 1024 * 1024,
    long QueryBufferLimit = 1024L * 1024 * 1024) : IRespClientLimits
{
    /// <summary>Before AUTH, Redis 7 accepts at most this many arguments in a multibulk request (processMultibulkBuffer).</summary>
    public const int UnauthenticatedMaxMultibulkLength = 10;

    /// <summary>Before AUTH, Redis 7 accepts bulk strings of at most this many bytes.</summary>
    public const int UnauthenticatedMaxBulkLength = 16 * 1024;

    public static readonly RespLimits Default = new();

    RespLimits IRespClientLimits.Limits => this;

    bool IRespClientLimits.AuthRequired => false;
}
