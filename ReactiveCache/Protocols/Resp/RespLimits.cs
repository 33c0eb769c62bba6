namespace ReactiveCache.Protocols.Resp;

/// <summary>
/// How much a client may send in one request before its stream is declared broken. The defaults are
/// Redis's: 64 KiB inline lines and length lines, 512 MB bulk strings (<c>proto-max-bulk-len</c>), and
/// multibulk counts up to <see cref="int.MaxValue"/>.
/// </summary>
internal sealed record RespLimits(int MaxInlineLength = 64 * 1024, long MaxBulkLength = 512L * 1024 * 1024, int MaxMultibulkLength = int.MaxValue)
{
    public static readonly RespLimits Default = new();
}
