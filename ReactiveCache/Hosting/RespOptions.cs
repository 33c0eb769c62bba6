namespace ReactiveCache.Hosting;

/// <summary>The Redis (RESP) listener's settings and limits; the defaults are Redis's.</summary>
public sealed record RespOptions
{
    /// <summary>How many numbered databases SELECT can choose from; database 0 is the server's store.</summary>
    public int Databases { get; init; } = 16;

    /// <summary>Which keyspace notifications are published (Redis's <c>notify-keyspace-events</c> letters); empty for none.</summary>
    public string NotifyKeyspaceEvents { get; init; } = "";

    /// <summary>The longest inline request, and the longest <c>*</c>/<c>$</c> length line, in bytes.</summary>
    public int MaxInlineLength { get; init; } = 64 * 1024;

    /// <summary>The largest bulk string a client may send (Redis's <c>proto-max-bulk-len</c>).</summary>
    public long MaxBulkLength { get; init; } = 512L * 1024 * 1024;

    /// <summary>The most arguments one multibulk request may carry.</summary>
    public int MaxMultibulkLength { get; init; } = int.MaxValue;
}
