using System.Text;

namespace ReactiveCache;

/// <summary>
/// What one command did to one key, published exactly once on the store's change stream. A change carries only
/// what its <see cref="Operations"/> need: an expiry-only change has no value, an HSET of one field carries that
/// field and not the hash.
/// </summary>
/// <param name="Sequence">
/// Monotonic number of this change (1, 2, 3...), gap-free across every database of a server: the numbered Redis
/// databases share one sequence with database 0, so one database's own stream skips the numbers the others took.
/// </param>
/// <param name="Kind">What a mirror of the cache must do: the key was added, updated, or is gone (and why).</param>
/// <param name="Reason">Which operation caused the change (the command family: set, incr, expire, hset...).</param>
/// <param name="Key">The key, as bytes.</param>
/// <param name="Value">
/// The whole string value after the change, when the change set it (<see cref="ChangeOperations.ValueSet"/> of a
/// string); otherwise <c>null</c>.
/// </param>
/// <param name="PreviousValue">The string value before the change, when the store was asked to keep it and the value changed.</param>
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
    /// <summary>What the change did: set the value, changed the expiry, set or deleted fields, removed the key.</summary>
    public ChangeOperations Operations { get; init; } = DefaultOperations(Kind);

    /// <summary>The type of the key's value (for a removal, the type it had).</summary>
    public ValueKind Type { get; init; }

    /// <summary>
    /// For a hash: the fields set (with their new values) or deleted (values null), or, when the whole hash was set
    /// (<see cref="ChangeOperations.ValueSet"/>: a copy, a rename, a snapshot), every field. Otherwise <c>null</c>.
    /// </summary>
    public IReadOnlyList<HashField>? Fields { get; init; }

    /// <summary>
    /// For a list, set or sorted set: the elements the change added, removed or replaced, in the order it did so
    /// (<see cref="ChangeOperations.ElementsEdited"/>), or, when the whole value was set (<see cref="ChangeOperations.ValueSet"/>:
    /// a copy, a rename, a STORE form), every element as an <see cref="ElementEdit.Added"/> edit in order. Otherwise <c>null</c>.
    /// </summary>
    public IReadOnlyList<ElementChange>? Elements { get; init; }

    /// <summary>memcached's flags and marks after the change, when the key has some; otherwise <c>null</c>.</summary>
    public MemcachedMetadata? Memcached { get; init; }

    /// <summary>The key decoded as UTF-8.</summary>
    public string KeyText => Encoding.UTF8.GetString(Key);

    /// <summary>The value decoded as UTF-8, or <c>null</c> when the change carries no string value.</summary>
    public string? ValueText => Value is null ? null : Encoding.UTF8.GetString(Value);

    /// <summary>True when this change names <paramref name="operation"/> among its operations.</summary>
    public bool Has(ChangeOperations operation) => (Operations & operation) == operation;

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder($"#{Sequence} {Kind}({Reason}; {Operations}) {KeyText}");
        if (Value is not null)
        {
            text.Append('=').Append(ValueText);
        }

        if (Fields is { } fields)
        {
            text.Append(" {").AppendJoin(", ", fields.Select(field => field.Value is null ? field.NameText : $"{field.NameText}={field.ValueText}")).Append('}');
        }

        if (Elements is { } elements)
        {
            text.Append(" [").AppendJoin(", ", elements).Append(']');
        }

        return text.ToString();
    }

    // A change built by hand from its kind alone: an addition or update sets the value, the rest remove the key.
    private static ChangeOperations DefaultOperations(ChangeKind kind) =>
        kind is ChangeKind.Added or ChangeKind.Updated ? ChangeOperations.ValueSet : ChangeOperations.KeyRemoved;
}
