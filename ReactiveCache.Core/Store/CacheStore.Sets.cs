using System.Text;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache;

// The in-process face of sets: the same operations, changes and WRONGTYPE rule as Redis's SADD, SREM, SMEMBERS.
// Members are UTF-8 text; sets made here follow Redis's default set-max-intset-entries (512) for OBJECT ENCODING.
public sealed partial class CacheStore
{
    /// <summary>Adds members to a set, creating it if absent, as one change. Returns how many were new.</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public int AddMembers(string key, params string[] members)
    {
        if (members.Length == 0)
        {
            throw new ArgumentException("SADD needs at least one member.", nameof(members));
        }

        return Write((Key: Encoding.UTF8.GetBytes(key), Members: Utf8(members)), static (writer, state) =>
            writer.AddMembers(state.Key, state.Members, SetValue.DefaultMaxIntsetEntries));
    }

    /// <summary>Removes members (the set goes when its last member does), as one change. Returns how many were there.</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public int RemoveMembers(string key, params string[] members) =>
        Write((Key: Encoding.UTF8.GetBytes(key), Members: Utf8(members)), static (writer, state) =>
            writer.RemoveMembers(state.Key, state.Members));

    /// <summary>Every member of a set; empty when the key does not exist.</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public IReadOnlySet<string> Members(string key) =>
        Text(Write(Encoding.UTF8.GetBytes(key), static (writer, key) => writer.TryGetSet(key, out _, out var set) ? set.ToArray() : []));

    /// <summary>Whether the set at <paramref name="key"/> holds <paramref name="member"/> (false when there is no set).</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public bool IsMember(string key, string member) =>
        Write((Key: Encoding.UTF8.GetBytes(key), Member: Encoding.UTF8.GetBytes(member)), static (writer, state) =>
            writer.TryGetSet(state.Key, out _, out var set) && set.Contains(state.Member));

    /// <summary>How many members the set holds (0 when there is none).</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public int SetCount(string key) =>
        Write(Encoding.UTF8.GetBytes(key), static (writer, key) => writer.TryGetSet(key, out _, out var set) ? set.Count : 0);

    /// <summary>Removes and returns up to <paramref name="count"/> random members, as one change (SPOP key count).</summary>
    /// <exception cref="WrongTypeException">The key holds another type.</exception>
    public IReadOnlyList<string> PopMembers(string key, int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Write((Key: Encoding.UTF8.GetBytes(key), Count: count), static (writer, state) =>
            writer.PopMembers(state.Key, state.Count) ?? []).Select(member => Encoding.UTF8.GetString(member)).ToArray();
    }

    /// <summary>
    /// Moves a member from one set to another (SMOVE): one change for each set that changed. Returns whether the
    /// source held it.
    /// </summary>
    /// <exception cref="WrongTypeException">Either key holds another type; nothing changes.</exception>
    public bool MoveMember(string source, string destination, string member) =>
        Write((Source: Encoding.UTF8.GetBytes(source), Destination: Encoding.UTF8.GetBytes(destination), Member: Encoding.UTF8.GetBytes(member)), static (writer, state) =>
            writer.MoveMember(state.Source, state.Destination, state.Member, SetValue.DefaultMaxIntsetEntries));

    /// <summary>The members every set holds (SINTER); a missing key is an empty set.</summary>
    /// <exception cref="WrongTypeException">A key holds another type.</exception>
    public IReadOnlySet<string> Intersect(params string[] keys) => Combine(keys, static sets => SetAlgebra.Intersect(sets));

    /// <summary>The members of any of the sets (SUNION).</summary>
    /// <exception cref="WrongTypeException">A key holds another type.</exception>
    public IReadOnlySet<string> Union(params string[] keys) => Combine(keys, SetAlgebra.Union);

    /// <summary>The members of the first set that none of the others holds (SDIFF).</summary>
    /// <exception cref="WrongTypeException">A key holds another type.</exception>
    public IReadOnlySet<string> Difference(params string[] keys) => Combine(keys, SetAlgebra.Difference);

    private IReadOnlySet<string> Combine(string[] keys, Func<IReadOnlyList<IMemberSet?>, byte[][]> operation)
    {
        if (keys.Length == 0)
        {
            throw new ArgumentException("A set operation needs at least one key.", nameof(keys));
        }

        // Copied under the lock, combined after it, as the Redis commands do with big sets.
        var snapshots = Write(Utf8(keys), static (writer, keys) => MemberSnapshot.Of(writer.SetsAt(keys)));
        return Text(operation(snapshots));
    }

    private static byte[][] Utf8(string[] words) => words.Select(Encoding.UTF8.GetBytes).ToArray();

    private static HashSet<string> Text(byte[][] members) => members.Select(member => Encoding.UTF8.GetString(member)).ToHashSet(StringComparer.Ordinal);
}
