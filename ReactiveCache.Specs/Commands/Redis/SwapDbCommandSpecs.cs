using System.Text;
using NUnit.Framework;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Specs.Support;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>
/// SWAPDB as redis-server 7.0.15 answers it (each expected reply taken from it): the two databases exchange their keys
/// in one write, a client blocked on a key the swap brings is served, WATCHed keys of either database are touched, and
/// no keyspace event is announced.
/// </summary>
public sealed class SwapDbCommandSpecs
{
    private RedisHarness _redis = null!;

    [SetUp]
    public void Open() => _redis = new RedisHarness();

    [TearDown]
    public void Close() => _redis.Dispose();

    [Test]
    public void Exchanges_the_keys_of_two_databases_with_their_times_to_live()
    {
        var client = _redis.Connect();
        client.Send("SET", "a", "1");
        client.Send("SET", "b", "2", "EX", "100");
        client.Send("RPUSH", "l", "x", "y");
        client.Send("SELECT", "1");
        client.Send("SET", "a", "one");
        client.Send("HSET", "h", "f", "v");

        Assert.That(client.Send("SWAPDB", "0", "1"), Is.EqualTo("+OK\r\n"));
        Assert.That(client.Send("GET", "a"), Is.EqualTo("$1\r\n1\r\n"));
        Assert.That(client.Send("TTL", "b"), Is.EqualTo(":100\r\n"));
        Assert.That(client.Send("LRANGE", "l", "0", "-1"), Is.EqualTo("*2\r\n$1\r\nx\r\n$1\r\ny\r\n"));
        Assert.That(client.Send("DBSIZE"), Is.EqualTo(":3\r\n"));
        client.Send("SELECT", "0");
        Assert.That(client.Send("GET", "a"), Is.EqualTo("$3\r\none\r\n"));
        Assert.That(client.Send("HGET", "h", "f"), Is.EqualTo("$1\r\nv\r\n"));
        Assert.That(client.Send("DBSIZE"), Is.EqualTo(":2\r\n"));
        Assert.That(client.Send("SWAPDB", "1", "1"), Is.EqualTo("+OK\r\n"));
    }

    [Test]
    public void Answers_the_errors_redis_answers()
    {
        var client = _redis.Connect();

        Assert.That(client.Send("SWAPDB", "0", "x"), Is.EqualTo("-ERR invalid second DB index\r\n"));
        Assert.That(client.Send("SWAPDB", "x", "0"), Is.EqualTo("-ERR invalid first DB index\r\n"));
        Assert.That(client.Send("SWAPDB", "0", "99999999999"), Is.EqualTo("-ERR invalid second DB index\r\n"));
        Assert.That(client.Send("SWAPDB", "0", "16"), Is.EqualTo("-ERR DB index is out of range\r\n"));
        Assert.That(client.Send("SWAPDB", "-1", "0"), Is.EqualTo("-ERR DB index is out of range\r\n"));
        Assert.That(client.Send("SWAPDB", "0"), Is.EqualTo("-ERR wrong number of arguments for 'swapdb' command\r\n"));
    }

    [Test]
    public void A_client_blocked_on_a_key_the_swap_brings_is_served()
    {
        var waiter = _redis.Connect();
        var client = _redis.Connect();
        waiter.Send("SELECT", "9");
        client.Send("SELECT", "1");
        client.Send("RPUSH", "k", "hello");

        Assert.That(waiter.Send("BLPOP", "k", "0"), Is.Empty, "it blocks");
        Assert.That(client.Send("SWAPDB", "1", "9"), Is.EqualTo("+OK\r\n"));

        Assert.That(waiter.ReadLater(), Is.EqualTo("*2\r\n$1\r\nk\r\n$5\r\nhello\r\n"));
        client.Send("SELECT", "9");
        Assert.That(client.Send("EXISTS", "k"), Is.EqualTo(":0\r\n"), "the waiter popped the only element");
    }

    [Test]
    public void Touches_the_keys_watched_in_either_database_that_exist_in_either()
    {
        var watcher = _redis.Connect();
        var client = _redis.Connect();
        client.Send("SELECT", "9");
        client.Send("SET", "x", "1");
        watcher.Send("SELECT", "1");

        watcher.Send("WATCH", "x");
        client.Send("SWAPDB", "1", "9");
        watcher.Send("MULTI");
        watcher.Send("PING");
        Assert.That(watcher.Send("EXEC"), Is.EqualTo("*-1\r\n"));

        watcher.Send("WATCH", "absent");
        client.Send("SWAPDB", "1", "9");
        watcher.Send("MULTI");
        watcher.Send("PING");
        Assert.That(watcher.Send("EXEC"), Is.EqualTo("*1\r\n+PONG\r\n"));
    }

    [Test]
    public void A_key_past_its_time_is_not_carried_and_touches_no_watch()
    {
        var watcher = _redis.Connect();
        var client = _redis.Connect();
        client.Send("SELECT", "1");
        client.Send("SET", "x", "foo", "PX", "1");
        _redis.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(2).Ticks);

        watcher.Send("SELECT", "1");
        watcher.Send("WATCH", "x");
        client.Send("SWAPDB", "0", "1");
        watcher.Send("MULTI");
        watcher.Send("PING");
        Assert.That(watcher.Send("EXEC"), Is.EqualTo("*1\r\n+PONG\r\n"));
        client.Send("SELECT", "0");
        Assert.That(client.Send("EXISTS", "x"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void Announces_no_keyspace_event_and_records_one_change_per_key_it_moves()
    {
        using var redis = new RedisHarness(new RedisSettings { NotifyKeyspaceEvents = "KEA" });
        var events = redis.Connect();
        events.Send("PSUBSCRIBE", "*");
        var client = redis.Connect();
        client.Send("SET", "a", "1");
        client.Send("SELECT", "1");
        client.Send("SET", "a", "one");
        client.Send("SET", "b", "two");
        var before = events.Pushed.Count;
        var changes = new List<CacheChange>();

        using (redis.Store.EveryDatabaseChanges.Subscribe(batch => changes.AddRange(batch.Changes)))
        {
            Assert.That(client.Send("SWAPDB", "0", "1"), Is.EqualTo("+OK\r\n"));
        }

        Assert.That(events.Pushed, Has.Count.EqualTo(before));
        Assert.That(changes.Select(change => (change.Database, System.Text.Encoding.Latin1.GetString(change.Key), change.Kind)), Is.EquivalentTo(new[]
        {
            (0, "a", ChangeKind.Updated), (0, "b", ChangeKind.Added), (1, "a", ChangeKind.Updated), (1, "b", ChangeKind.Removed),
        }));
        Assert.That(changes.Select(change => change.Reason), Is.All.EqualTo(ChangeReason.SwapDb));
    }

    [Test]
    public void Each_databases_changes_replayed_onto_an_empty_store_rebuild_it_after_a_swap()
    {
        var client = _redis.Connect();
        client.Send("SET", "a", "1", "EX", "100");
        client.Send("RPUSH", "l", "x", "y");
        client.Send("SELECT", "1");
        client.Send("SET", "a", "one");
        client.Send("HSET", "h", "f", "v");
        client.Send("SWAPDB", "0", "1");
        client.Send("RPUSH", "l", "z"); // database 1, which has the list now

        foreach (var database in _redis.Server.Databases.Take(2))
        {
            using var mirror = new CacheStore(scheduler: _redis.Scheduler);
            using (database.ChangesSince(0).Subscribe(batch =>
                   {
                       foreach (var change in batch.Changes)
                       {
                           mirror.Apply(change);
                       }
                   }))
            {
                Assert.That(Dump(database), Has.Length.EqualTo(2));
                Assert.That(Dump(mirror), Is.EqualTo(Dump(database)));
            }
        }
    }

    private static string[] Dump(CacheStore store) =>
        store.Write(0, static (writer, _) => writer.Entries
            .Select(pair => $"{Encoding.UTF8.GetString(pair.Key)} {pair.Value.Kind} [{Describe(pair.Value.Value)}] exp={pair.Value.ExpiresAtMs}")
            .Order(StringComparer.Ordinal)
            .ToArray());

    private static string Describe(CacheValue value) => value switch
    {
        StringValue text => Encoding.UTF8.GetString(text.Bytes),
        HashValue hash => string.Join(",", hash.Fields.Select(field => $"{Encoding.UTF8.GetString(field.Name)}={Encoding.UTF8.GetString(field.Value!)}")),
        ListValue list => string.Join(",", list.Range(0, list.Count - 1).Select(Encoding.UTF8.GetString)),
        _ => throw new InvalidOperationException(),
    };
}
