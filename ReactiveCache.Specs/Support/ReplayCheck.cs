using System.Reactive.Linq;
using System.Text;
using NUnit.Framework;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// What the collection replay properties share: an in-process write that may meet WRONGTYPE, and the check that a
/// store's change stream from sequence 1, applied onto an empty store, rebuilds what it holds and what it costs.
/// </summary>
internal static class ReplayCheck
{
    /// <summary>Runs an in-process write that may find the string key: it throws WRONGTYPE and changes nothing.</summary>
    public static void IgnoringWrongType(Action write)
    {
        try
        {
            write();
        }
        catch (WrongTypeException)
        {
            // The key holds a string: nothing changed, as the store promises.
        }
    }

    /// <summary>
    /// One run of a replay property: a fresh server whose key "str" holds a string (so WRONGTYPE is met), each command
    /// run by <paramref name="execute"/> (then <paramref name="afterEach"/>, for a property that audits as it goes), and
    /// <see cref="AssertRebuilds"/> at the end.
    /// </summary>
    public static void Run<TCommand>(
        IEnumerable<TCommand> commands,
        Action<RedisHarness.Client, CacheStore, TCommand> execute,
        Func<CacheValue, string?> describe,
        Action<CacheStore>? afterEach = null)
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("SET", "str", "x");
        foreach (var command in commands)
        {
            execute(client, redis.Store, command);
            afterEach?.Invoke(redis.Store);
        }

        AssertRebuilds(redis.Store, describe);
    }

    /// <summary>
    /// Replays <paramref name="source"/>'s changes onto an empty store and asserts that both hold the same keys, each
    /// described by <paramref name="describe"/> (or by its type when that says nothing), and the same used_memory.
    /// </summary>
    public static void AssertRebuilds(CacheStore source, Func<CacheValue, string?> describe)
    {
        using var mirror = new CacheStore(scheduler: new Microsoft.Reactive.Testing.TestScheduler());
        using (source.ChangesSince(0).SelectMany(batch => batch.Changes).Subscribe(mirror.Apply))
        {
        }

        Assert.That(Describe(mirror, describe), Is.EqualTo(Describe(source, describe)));
        Assert.That(mirror.UsedMemory, Is.EqualTo(source.UsedMemory));
    }

    private static string[] Describe(CacheStore store, Func<CacheValue, string?> describe) =>
        store.Write(describe, static (writer, describe) => writer.Entries
            .Select(pair => $"{Encoding.UTF8.GetString(pair.Key)} " + (pair.Value.Value switch
            {
                StringValue text => $"string {Encoding.UTF8.GetString(text.Bytes)}",
                var value => describe(value) ?? value.Kind.ToString(),
            }))
            .Order(StringComparer.Ordinal)
            .ToArray());
}
