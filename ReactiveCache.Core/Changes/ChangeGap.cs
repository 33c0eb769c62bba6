namespace ReactiveCache;

/// <summary>
/// Changes <paramref name="From"/> to <paramref name="To"/> (inclusive) were asked for but have left the
/// bounded replay buffer: a subscriber that needs them must resynchronise from a snapshot.
/// </summary>
public sealed record ChangeGap(long From, long To);
