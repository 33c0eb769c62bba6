using System.Text;
using NUnit.Framework;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>
/// SORT and SORT_RO as redis-server 7.0.15 answers them (each expected reply taken from it): numbers by default and
/// bytes with ALPHA, LIMIT's window, BY nosort keeping the collection's order, BY and GET patterns over strings and hash
/// fields, STORE as one change with its event, the errors, and a big sort answered after the lock.
/// </summary>
public sealed class SortCommandSpecs
{
    private const string NotNumbers = "-ERR One or more scores can't be converted into double\r\n";

    private RedisHarness _redis = null!;

    [SetUp]
    public void Open() => _redis = new RedisHarness();

    [TearDown]
    public void Close() => _redis.Dispose();

    [Test]
    public void Sorts_numerically_by_default_and_by_bytes_with_ALPHA_within_the_LIMIT_window()
    {
        var client = _redis.Connect();
        client.Send("RPUSH", "l", "3", "1", "2", "10", "-5", "2.5");

        Assert.That(client.Send("SORT", "l"), Is.EqualTo(Bulks("-5", "1", "2", "2.5", "3", "10")));
        Assert.That(client.Send("SORT", "l", "DESC", "LIMIT", "1", "2"), Is.EqualTo(Bulks("3", "2.5")));
        Assert.That(client.Send("SORT", "l", "ALPHA"), Is.EqualTo(Bulks("-5", "1", "10", "2", "2.5", "3")));
        Assert.That(client.Send("SORT", "l", "LIMIT", "4", "10"), Is.EqualTo(Bulks("3", "10")));
        Assert.That(client.Send("SORT", "l", "LIMIT", "9", "1"), Is.EqualTo("*0\r\n"));
        Assert.That(client.Send("SORT", "l", "ASC", "DESC"), Is.EqualTo(Bulks("10", "3", "2.5", "2", "1", "-5")), "the last order word wins");
        Assert.That(client.Send("SORT_RO", "l", "LIMIT", "0", "2"), Is.EqualTo(Bulks("-5", "1")));
    }

    [Test]
    public void BY_nosort_keeps_a_list_or_sorted_set_in_its_order_and_stores_a_set_sorted_ALPHA()
    {
        var client = _redis.Connect();
        client.Send("RPUSH", "q", "c", "a", "b");
        client.Send("ZADD", "z", "3", "c", "1", "a", "2", "b");
        client.Send("SADD", "s", "b", "c", "a");

        Assert.That(client.Send("SORT", "q", "BY", "nosort", "DESC"), Is.EqualTo(Bulks("b", "a", "c")));
        Assert.That(client.Send("SORT", "z", "BY", "nosort", "DESC", "LIMIT", "0", "2"), Is.EqualTo(Bulks("c", "b")));
        Assert.That(client.Send("SORT", "s", "BY", "nosort", "STORE", "d"), Is.EqualTo(":3\r\n"));
        Assert.That(client.Send("LRANGE", "d", "0", "-1"), Is.EqualTo(Bulks("a", "b", "c")));
    }

    [Test]
    public void BY_and_GET_patterns_read_strings_and_hash_fields_and_GET_hash_is_the_element()
    {
        var client = _redis.Connect();
        client.Send("RPUSH", "ids", "1", "2", "3");
        client.Send("MSET", "weight_1", "30", "weight_2", "10", "weight_3", "20", "name_1", "one", "name_3", "three");
        client.Send("HSET", "user_1", "age", "40", "nick", "ann");
        client.Send("HSET", "user_2", "age", "25", "nick", "bob");
        client.Send("HSET", "user_3", "age", "31");

        Assert.That(client.Send("SORT", "ids", "BY", "weight_*"), Is.EqualTo(Bulks("2", "3", "1")));
        Assert.That(client.Send("SORT", "ids", "BY", "weight_*", "GET", "name_*", "GET", "#"), Is.EqualTo("*6\r\n$-1\r\n$1\r\n2\r\n$5\r\nthree\r\n$1\r\n3\r\n$3\r\none\r\n$1\r\n1\r\n"));
        Assert.That(client.Send("SORT", "ids", "BY", "user_*->age", "GET", "user_*->nick"), Is.EqualTo("*3\r\n$3\r\nbob\r\n$-1\r\n$3\r\nann\r\n"));
        Assert.That(client.Send("SORT", "ids", "BY", "user_*->nick", "ALPHA", "DESC"), Is.EqualTo(Bulks("2", "1", "3")), "a missing BY value sorts first");
        Assert.That(client.Send("SORT", "ids", "GET", "nostar"), Is.EqualTo("*3\r\n$-1\r\n$-1\r\n$-1\r\n"));
    }

    [Test]
    public void STORE_replaces_the_destination_with_a_list_and_an_empty_result_deletes_it()
    {
        var client = _redis.Connect();
        client.Send("RPUSH", "ids", "1", "2", "3");
        client.Send("MSET", "weight_1", "30", "weight_2", "10", "weight_3", "20", "name_1", "one", "name_3", "three");
        client.Send("SET", "dst", "old", "EX", "100");

        Assert.That(client.Send("SORT", "ids", "BY", "weight_*", "GET", "name_*", "STORE", "dst"), Is.EqualTo(":3\r\n"));
        Assert.That(client.Send("LRANGE", "dst", "0", "-1"), Is.EqualTo("*3\r\n$0\r\n\r\n$5\r\nthree\r\n$3\r\none\r\n"), "a missing GET value is stored as \"\"");
        Assert.That(client.Send("TTL", "dst"), Is.EqualTo(":-1\r\n"));
        Assert.That(client.Send("SORT", "missing", "STORE", "dst"), Is.EqualTo(":0\r\n"));
        Assert.That(client.Send("EXISTS", "dst"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void STORE_is_one_change_announced_as_sortstore_and_an_emptied_destination_as_del()
    {
        using var redis = new RedisHarness(new RedisSettings { NotifyKeyspaceEvents = "KEA" });
        var watcher = redis.Connect();
        watcher.Send("PSUBSCRIBE", "__keyevent@0__:*");
        var client = redis.Connect();
        client.Send("RPUSH", "l", "2", "1");
        var changes = new List<CacheChange>();
        using (redis.Store.Changes.Subscribe(changes.Add))
        {
            Assert.That(client.Send("SORT", "l", "STORE", "d"), Is.EqualTo(":2\r\n"));
        }

        Assert.That(changes.Select(change => (Key: Encoding.Latin1.GetString(change.Key), change.Reason)), Is.EqualTo(new[] { ("d", ChangeReason.SortStore) }));
        client.Send("SORT", "missing", "STORE", "d");
        client.Send("SORT", "missing", "STORE", "d");

        var events = watcher.Pushed.Select(push => push.Split("\r\n")[6]["__keyevent@0__:".Length..]);
        Assert.That(events, Is.EqualTo(new[] { "rpush", "sortstore", "del" }));
    }

    [Test]
    public void Answers_the_errors_redis_answers()
    {
        var client = _redis.Connect();
        client.Send("RPUSH", "bad", "1", "x", "2");
        client.Send("SET", "str", "v");

        Assert.That(client.Send("SORT", "bad"), Is.EqualTo(NotNumbers));
        Assert.That(client.Send("SORT", "bad", "STORE", "d"), Is.EqualTo(NotNumbers));
        Assert.That(client.Send("EXISTS", "d"), Is.EqualTo(":0\r\n"));
        Assert.That(client.Send("SORT", "bad", "ALPHA"), Is.EqualTo(Bulks("1", "2", "x")));
        Assert.That(client.Send("SORT", "bad", "BY", "weight_*", "LIMIT", "1"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(client.Send("SORT", "bad", "LIMIT", "0", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(client.Send("SORT_RO", "bad", "STORE", "d"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(client.Send("SORT", "str"), Is.EqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"));
        Assert.That(client.Send("SORT"), Is.EqualTo("-ERR wrong number of arguments for 'sort' command\r\n"));
    }

    [Test]
    public void Weights_are_read_as_strtod_reads_them()
    {
        var client = _redis.Connect();
        client.Send("RPUSH", "f", "", "1", " 2", "0x10", "inf", "-inf");
        client.Send("RPUSH", "spaces", "  ");
        client.Send("RPUSH", "nul", "1\0abc", "0.5");
        client.Send("RPUSH", "huge", "1e400");

        Assert.That(client.Send("SORT", "f"), Is.EqualTo(Bulks("-inf", "", "1", " 2", "0x10", "inf")));
        Assert.That(client.Send("SORT", "spaces"), Is.EqualTo(NotNumbers));
        Assert.That(client.Send("SORT", "nul"), Is.EqualTo(Bulks("0.5", "1\0abc")));
        Assert.That(client.Send("SORT", "huge"), Is.EqualTo(NotNumbers));
    }

    [Test]
    public void Inside_MULTI_it_runs_with_the_transaction_and_a_STORE_touches_a_watched_destination()
    {
        var client = _redis.Connect();
        client.Send("RPUSH", "l", "2", "1");
        client.Send("WATCH", "d");
        client.Send("SORT", "l", "STORE", "d");

        Assert.That(client.Send("MULTI"), Is.EqualTo("+OK\r\n"));
        Assert.That(client.Send("SORT", "l", "DESC"), Is.EqualTo("+QUEUED\r\n"));
        Assert.That(client.Send("EXEC"), Is.EqualTo("*-1\r\n"));
        Assert.That(client.Send("MULTI"), Is.EqualTo("+OK\r\n"));
        client.Send("SORT", "l", "DESC");
        client.Send("SORT_RO", "l", "LIMIT", "0", "1");
        Assert.That(client.Send("EXEC"), Is.EqualTo("*2\r\n" + Bulks("2", "1") + Bulks("1")));
    }

    [Test]
    public void A_missing_GET_value_is_a_RESP3_null()
    {
        var client = _redis.Connect();
        client.Send("HELLO", "3");
        client.Send("RPUSH", "l", "2", "1");

        Assert.That(client.Send("SORT", "l", "GET", "nope_*", "GET", "#"), Is.EqualTo("*4\r\n_\r\n$1\r\n1\r\n_\r\n$1\r\n2\r\n"));
    }

    [Test]
    public void COMMAND_INFO_describes_them_as_redis_does_without_key_specs()
    {
        var client = _redis.Connect();

        Assert.That(client.Send("COMMAND", "INFO", "sort", "sort_ro"), Is.EqualTo(
            "*2\r\n*10\r\n$4\r\nsort\r\n:-2\r\n*3\r\n+write\r\n+denyoom\r\n+movablekeys\r\n:1\r\n:1\r\n:1\r\n" +
            "*6\r\n+@write\r\n+@set\r\n+@sortedset\r\n+@list\r\n+@slow\r\n+@dangerous\r\n*0\r\n*0\r\n*0\r\n" +
            "*10\r\n$7\r\nsort_ro\r\n:-2\r\n*2\r\n+readonly\r\n+movablekeys\r\n:1\r\n:1\r\n:1\r\n" +
            "*6\r\n+@read\r\n+@set\r\n+@sortedset\r\n+@list\r\n+@slow\r\n+@dangerous\r\n*0\r\n*0\r\n*0\r\n"));
    }

    [Test]
    public void COMMAND_GETKEYS_finds_the_sorted_key_and_the_last_STORE_destination()
    {
        var client = _redis.Connect();

        Assert.That(client.Send("COMMAND", "GETKEYS", "sort", "abc", "store", "invalid", "store", "stillbad", "store", "def"), Is.EqualTo(Bulks("abc", "def")));
        Assert.That(client.Send("COMMAND", "GETKEYS", "sort", "abc", "limit", "store", "x"), Is.EqualTo(Bulks("abc")));
        Assert.That(client.Send("COMMAND", "GETKEYS", "sort_ro", "abc"), Is.EqualTo(Bulks("abc")));
        Assert.That(client.Send("COMMAND", "GETKEYS", "mset", "a", "1", "b", "2"), Is.EqualTo(Bulks("a", "b")));
        Assert.That(client.Send("COMMAND", "GETKEYS", "memory", "usage", "k"), Is.EqualTo(Bulks("k")));
        Assert.That(client.Send("COMMAND", "GETKEYS", "get", "k", "x"), Is.EqualTo("-ERR Invalid number of arguments specified for command\r\n"));
        Assert.That(client.Send("COMMAND", "GETKEYS", "nope", "x"), Is.EqualTo("-ERR Invalid command specified\r\n"));
        Assert.That(client.Send("COMMAND", "GETKEYS", "config", "get", "x"), Is.EqualTo("-ERR The command has no key arguments\r\n"));
        Assert.That(client.Send("COMMAND", "GETKEYS", "get"), Is.EqualTo("-ERR wrong number of arguments for 'command|getkeys' command\r\n"));
    }

    [Test]
    public void A_sort_bigger_than_the_inline_work_is_answered_after_the_lock_with_its_GET_values_read_under_it()
    {
        var client = _redis.Connect();
        var count = SortCommandInlineWork + 1000;
        client.Send(["RPUSH", "big", .. Enumerable.Range(0, count).Reverse().Select(n => n.ToString())]);
        client.Send("SET", $"w_{count - 1}", "top");

        var expected = Bulks(Enumerable.Range(0, count).Select(n => n.ToString()).ToArray());
        Assert.That(client.SendAwaiting(expected.Length, "SORT", "big"), Is.EqualTo(expected));

        // A late reply reaches the harness as a push, so the next big sort is asked by a client of its own.
        var other = _redis.Connect();
        var top = "*3\r\n$3\r\ntop\r\n$-1\r\n$-1\r\n";
        Assert.That(other.SendAwaiting(top.Length, "SORT", "big", "DESC", "LIMIT", "0", "3", "GET", "w_*"), Is.EqualTo(top));
    }

    private static int SortCommandInlineWork => ReactiveCache.Commands.Redis.BigReply.InlineWork;

    private static string Bulks(params string[] values)
    {
        var text = new StringBuilder($"*{values.Length}\r\n");
        foreach (var value in values)
        {
            text.Append($"${Encoding.Latin1.GetByteCount(value)}\r\n{value}\r\n");
        }

        return text.ToString();
    }
}
