using System.Text;

namespace ReactiveCache;

/// <summary>What one edit did to one element of a list, set or sorted set.</summary>
public enum ElementEdit
{
    /// <summary>
    /// The element joined: a list element inserted at <see cref="ElementChange.Index"/>, a set member, a sorted-set
    /// member with its <see cref="ElementChange.Score"/> (or a member already there given a new score).
    /// </summary>
    Added,

    /// <summary>The element left: a list element taken from <see cref="ElementChange.Index"/>, a set or sorted-set member.</summary>
    Removed,

    /// <summary>The list element at <see cref="ElementChange.Index"/> was overwritten by this one (LSET).</summary>
    Replaced,
}

/// <summary>
/// One element of a list, set or sorted set that a change added, removed or replaced. A change lists its edits in the
/// order they were made, so applying them in that order to the collection as it was rebuilds it as it is.
/// </summary>
/// <param name="Edit">Added, removed or replaced.</param>
/// <param name="Element">The element (a list element, a set or sorted-set member).</param>
/// <param name="Index">
/// For a list, where the edit happened, as Redis counts: 0 is the head, 1 the next; -1 is the tail, -2 the one
/// before. An element <see cref="ElementEdit.Added"/> at -1 was appended (RPUSH), at 0 prepended (LPUSH); an element
/// added at <c>i</c> ≥ 0 now sits at <c>i</c>, and one added at a negative <c>i</c> now sits <c>-i - 1</c> places
/// from the tail. 0 for sets and sorted sets.
/// </param>
/// <param name="Score">For a sorted-set member added, its score after the change; 0 otherwise.</param>
public readonly record struct ElementChange(ElementEdit Edit, byte[] Element, long Index = 0, double Score = 0)
{
    /// <summary>The element decoded as UTF-8.</summary>
    public string ElementText => Encoding.UTF8.GetString(Element);

    /// <inheritdoc />
    public override string ToString() => Edit switch
    {
        ElementEdit.Added when Score != 0 => $"+{ElementText}:{Score}",
        ElementEdit.Added => Index == 0 ? $"+{ElementText}" : $"+{ElementText}@{Index}",
        ElementEdit.Removed => Index == 0 ? $"-{ElementText}" : $"-{ElementText}@{Index}",
        _ => $"={ElementText}@{Index}",
    };
}
