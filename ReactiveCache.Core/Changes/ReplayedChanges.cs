using System.Collections;

namespace ReactiveCache.Changes;

/// <summary>
/// Changes taken as records under the store's lock (copied out of the replay buffer, or a big batch handed to the feed
/// whole) and turned into <see cref="CacheChange"/> objects only when a subscriber first reads them, after the lock
/// is released: a resume of 100 000 changes holds the lock for a copy of structs, not for 100 000 allocations.
/// </summary>
internal sealed class ReplayedChanges(IReadOnlyList<ChangeRecord> records) : IReadOnlyList<CacheChange>
{
    private CacheChange[]? _changes;

    public int Count => records.Count;

    public CacheChange this[int index] => Changes[index];

    public IEnumerator<CacheChange> GetEnumerator() => ((IEnumerable<CacheChange>)Changes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private CacheChange[] Changes => LazyInitializer.EnsureInitialized(ref _changes, () => [.. records.Select(record => record.ToChange())]);
}
