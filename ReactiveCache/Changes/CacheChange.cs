using System.Text;

namespace ReactiveCache;

/// <summary>
/// One mutation of one key, published exactly once on the store's change stream.
/// </summary>
/// <param name="Sequence">
/// Monotonic number of this change (1, 2, 3...), gap-free across every database of a server: the numbered Redis
/// databases share one sequence with database 0, so one database's own stream skips the numbers the others took.
/// </param>
/// <param name="Kind">What a mirror of the cache must do.</param>
/// <param name="Reason">Which operation caused the change.</param>
/// <param name="Key">The key, as bytes.</param>
/// <param name="Value">The value after the change; <c>null</c> when the key is gone.</param>
/// <param name="PreviousValue">The value before the change, when the store was asked to keep it.</param>
/// <param name="ExpiresAt">When the key will expire, if it has a time to live after the change.</param>
/// <param name="Timestamp">The store clock (its scheduler's <c>Now</c>) when the change committed.</param>
/// <param name="Database">The Redis database the key is in; 0 for the store every protocol serves.</param>
public sealed record CacheChange(
    long Sequence,
    ChangeKind Kind,
    ChangeReason Reason,
    byte[] Key,
    byte[]? Value,
    byte[]? PreviousValue,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset Timestamp,
    int Database = 0)
{
    /// <summary>The key decoded as UTF-8.</summary>
    public string KeyText => Encoding.UTF8.GetString(Key);

    /// <summary>The value decoded as UTF-8, or <c>null</c> when the key is gone.</summary>
    public string? ValueText => Value is null ? null : Encoding.UTF8.GetString(Value);

    /// <inheritdoc />
    public override string ToString() => $"#{Sequence} {Kind}({Reason}) {KeyText}={ValueText}";
}
