using System.Text;
using ReactiveCache.Store.Values;

namespace ReactiveCache;

// The in-process face of hashes: the same operations, changes and WRONGTYPE rule as Redis's HSET, HGET, HDEL.
public sealed partial class CacheStore
{
    /// <summary>Sets fields of a hash, creating it if absent, as one change. Returns how many fields are new.</summary>
    /// <exception cref="WrongTypeException">The key holds a string.</exception>
    public int SetFields(string key, IEnumerable<KeyValuePair<string, string>> fields)
    {
        HashField[] pairs = [.. fields.Select(field => new HashField(Encoding.UTF8.GetBytes(field.Key), Encoding.UTF8.GetBytes(field.Value)))];
        if (pairs.Length == 0)
        {
            throw new ArgumentException("A hash needs at least one field.", nameof(fields));
        }

        return Write((Key: Encoding.UTF8.GetBytes(key), Fields: pairs), static (writer, state) =>
            writer.SetFields(state.Key, state.Fields, ListpackLimits.HashDefaults, ChangeReason.HashSet));
    }

    /// <summary>Sets one field of a hash. Returns whether the field is new.</summary>
    /// <exception cref="WrongTypeException">The key holds a string.</exception>
    public bool SetField(string key, string field, string value) => SetFields(key, [new(field, value)]) == 1;

    /// <summary>One field of a hash as UTF-8 text, or <c>null</c> when the hash or the field does not exist.</summary>
    /// <exception cref="WrongTypeException">The key holds a string.</exception>
    public string? GetField(string key, string field) =>
        Write((Key: Encoding.UTF8.GetBytes(key), Field: Encoding.UTF8.GetBytes(field)), static (writer, state) =>
            writer.TryGetHash(state.Key, out _, out var hash) && hash.TryGet(state.Field, out var value) ? Encoding.UTF8.GetString(value) : null);

    /// <summary>Every field of a hash as UTF-8 text; empty when the key does not exist.</summary>
    /// <exception cref="WrongTypeException">The key holds a string.</exception>
    public IReadOnlyDictionary<string, string> GetFields(string key) =>
        Write(Encoding.UTF8.GetBytes(key), static (writer, key) =>
            writer.TryGetHash(key, out _, out var hash)
                ? hash.Fields.ToDictionary(field => Encoding.UTF8.GetString(field.Name), field => Encoding.UTF8.GetString(field.Value!))
                : new Dictionary<string, string>());

    /// <summary>Deletes fields of a hash (the hash goes when its last field does), as one change. Returns how many existed.</summary>
    /// <exception cref="WrongTypeException">The key holds a string.</exception>
    public int DeleteFields(string key, params string[] fields) =>
        Write((Key: Encoding.UTF8.GetBytes(key), Fields: fields.Select(Encoding.UTF8.GetBytes).ToArray()), static (writer, state) =>
            writer.DeleteFields(state.Key, state.Fields));
}
