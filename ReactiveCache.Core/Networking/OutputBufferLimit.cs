namespace ReactiveCache.Networking;

/// <summary>
/// One client class's output limit, as redis.conf's <c>client-output-buffer-limit</c> writes it: past
/// <see cref="HardBytes"/> the client is closed at once; past <see cref="SoftBytes"/> continuously for
/// <see cref="SoftDuration"/> it is closed too. 0 turns a limit off.
/// </summary>
public sealed record OutputBufferLimit(long HardBytes, long SoftBytes, TimeSpan SoftDuration)
{
    /// <summary>No limit (Redis's default for normal clients).</summary>
    public static OutputBufferLimit Unlimited { get; } = new(0, 0, TimeSpan.Zero);

    /// <summary>True when <paramref name="pendingBytes"/> is over the hard limit.</summary>
    public bool IsOverHard(long pendingBytes) => HardBytes > 0 && pendingBytes > HardBytes;

    /// <summary>True when <paramref name="pendingBytes"/> is over the soft limit (which only counts with a duration).</summary>
    public bool IsOverSoft(long pendingBytes) => SoftBytes > 0 && pendingBytes > SoftBytes;
}
