namespace ReactiveCache.Commands.Redis;

/// <summary>
/// Redis's lazyfree switches (redis.conf "LAZY FREEING"), accepted by CONFIG GET and SET so clients and configs that set
/// them work. Here they change nothing, because every removal is already lazy: taking a key out of the store is O(1)
/// under the lock whatever its value holds (the dictionary entry goes, the change records no elements), and the value's
/// memory is reclaimed by the runtime's collector afterwards, off the lock (docs/memory.md, "Big values").
/// </summary>
/// <remarks>
/// What each one means in Redis, and here:
/// <list type="bullet">
/// <item><c>lazyfree-lazy-user-del</c>: DEL acts as UNLINK. Both are the same command here.</item>
/// <item><c>lazyfree-lazy-user-flush</c>: FLUSHALL and FLUSHDB without SYNC or ASYNC act as ASYNC. SYNC and ASYNC are
/// the same here.</item>
/// <item><c>lazyfree-lazy-server-del</c>: the server's own removals (RENAME, SET or RESTORE over a big value, MOVE's
/// source) free lazily. They do.</item>
/// <item><c>lazyfree-lazy-expire</c>, <c>lazyfree-lazy-eviction</c>: expired and evicted values free lazily. They do.</item>
/// </list>
/// The values are remembered (default <c>no</c>, as redis-server 7.0) so CONFIG GET answers what was set.
/// </remarks>
internal sealed class LazyfreeConfig
{
    public static readonly string[] Names =
        ["lazyfree-lazy-eviction", "lazyfree-lazy-expire", "lazyfree-lazy-server-del", "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush"];

    private readonly bool[] _values = new bool[Names.Length];

    public static bool Knows(string name) => Array.IndexOf(Names, name) >= 0;

    public string Value(string name) => Volatile.Read(ref _values[Array.IndexOf(Names, name)]) ? "yes" : "no";

    public void Set(string name, bool yes) => Volatile.Write(ref _values[Array.IndexOf(Names, name)], yes);
}
