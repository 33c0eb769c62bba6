namespace ReactiveCache;

/// <summary>
/// An operation met a key holding another kind of value than it works on. Thrown by the store's typed lookups, before
/// anything is changed, and answered by each protocol in its own words (Redis's <c>WRONGTYPE Operation against a key
/// holding the wrong kind of value</c>): the one place that decides what WRONGTYPE is.
/// </summary>
public sealed class WrongTypeException(ValueKind expected, ValueKind found)
    : InvalidOperationException($"The key holds a {found.ToString().ToLowerInvariant()}, not a {expected.ToString().ToLowerInvariant()}.")
{
    /// <summary>The kind of value the operation works on.</summary>
    public ValueKind Expected { get; } = expected;

    /// <summary>The kind of value the key holds.</summary>
    public ValueKind Found { get; } = found;
}
