using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>HSCAN's and HRANDFIELD's guarantees, with the hash's fields in slots as the keyspace's keys are.</summary>
public sealed class HashScanSpecs : RedisSessionSpec
{
    [Test]
    public void HSCAN_returns_each_field_present_for_the_whole_scan_exactly_once_while_others_come_and_go()
    {
        for (var i = 0; i < 2_000; i++)
        {
            Client.Send("HSET", "h", $"stable:{i}", $"v{i}", $"churn:{i}", "v");
        }

        var seen = new List<(string Field, string Value)>();
        var cursor = "0";
        var page = 0;
        do
        {
            (cursor, var fields) = HScan(cursor, "COUNT", "10");
            seen.AddRange(fields);

            // Between pages other fields are deleted and new ones written, which reuse the freed slots.
            Client.Send("HDEL", "h", $"churn:{page}", $"churn:{page + 1000}");
            Client.Send("HSET", "h", $"new:{page}", "v");
            page++;
        }
        while (cursor != "0");

        var stable = seen.Where(field => field.Field.StartsWith("stable:")).ToList();
        Assert.That(stable.Select(field => field.Field), Is.Unique);
        Assert.That(stable, Has.Count.EqualTo(2_000));
        Assert.That(stable, Has.All.Matches<(string Field, string Value)>(field => field.Value == "v" + field.Field["stable:".Length..]));
        Assert.That(page, Is.GreaterThan(100), "a hashtable is scanned a page at a time");
    }

    [Test]
    public void HSCAN_of_a_listpack_hash_returns_it_whole_with_cursor_0_and_filters_by_MATCH()
    {
        Client.Send("HSET", "h", "a1", "1", "a2", "2", "b1", "3");

        Assert.That(HScan("0", "COUNT", "1"), Is.EqualTo(("0", new[] { ("a1", "1"), ("a2", "2"), ("b1", "3") })));
        Assert.That(HScan("0", "MATCH", "a*").Fields, Is.EqualTo(new[] { ("a1", "1"), ("a2", "2") }));
        Assert.That(Client.Send("HSCAN", "missing", "0", "BOGUS"), Is.EqualTo("*2\r\n$1\r\n0\r\n*0\r\n"), "a missing key answers before options are read");
    }

    [Test]
    public void HSCAN_refuses_what_Redis_refuses()
    {
        Client.Send("HSET", "h", "a", "1");

        Assert.That(Client.Send("HSCAN", "h", "x"), Is.EqualTo("-ERR invalid cursor\r\n"));
        Assert.That(Client.Send("HSCAN", "h", "0", "COUNT", "0"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("HSCAN", "h", "0", "COUNT", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(Client.Send("HSCAN", "h", "0", "TYPE", "string"), Is.EqualTo("-ERR syntax error\r\n"), "TYPE is SCAN's alone");
        Assert.That(Client.Send("HSCAN", "h", "0", "MATCH"), Is.EqualTo("-ERR syntax error\r\n"));
    }

    [Test]
    public void HRANDFIELD_without_count_returns_one_field_and_null_for_a_missing_key()
    {
        Client.Send("HSET", "h", "a", "1", "b", "2", "c", "3");

        var picks = Enumerable.Range(0, 200).Select(_ => Client.Send("HRANDFIELD", "h")).Distinct();

        Assert.That(picks, Is.EquivalentTo(new[] { "$1\r\na\r\n", "$1\r\nb\r\n", "$1\r\nc\r\n" }));
        Assert.That(Client.Send("HRANDFIELD", "missing"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("HRANDFIELD", "missing", "5"), Is.EqualTo("*0\r\n"));
        Assert.That(Client.Send("HRANDFIELD", "h", "0"), Is.EqualTo("*0\r\n"));
    }

    [Test]
    public void HRANDFIELD_with_a_positive_count_returns_distinct_fields_and_at_most_the_whole_hash()
    {
        for (var i = 0; i < 100; i++)
        {
            Client.Send("HSET", "h", $"f{i}", $"v{i}");
        }

        foreach (var count in new[] { 2, 10, 50, 99 })
        {
            var fields = Words(Client.Send("HRANDFIELD", "h", count.ToString()));
            Assert.That(fields, Has.Length.EqualTo(count).And.Unique, $"count {count}");
        }

        var all = Words(Client.Send("HRANDFIELD", "h", "1000", "WITHVALUES"));
        Assert.That(all, Has.Length.EqualTo(200));
        Assert.That(all.Chunk(2), Has.All.Matches<string[]>(pair => pair is [var name, var value] && value == "v" + name[1..]));
    }

    [Test]
    public void HRANDFIELD_with_a_negative_count_may_repeat_and_draws_every_field_about_equally()
    {
        for (var i = 0; i < 10; i++)
        {
            Client.Send("HSET", "h", $"f{i}", "v");
        }

        // Deleted fields leave free slots, which a draw must skip without favouring their neighbours.
        for (var i = 0; i < 200; i++)
        {
            Client.Send("HSET", "h", $"gone{i}", "v");
        }

        for (var i = 0; i < 200; i++)
        {
            Client.Send("HDEL", "h", $"gone{i}");
        }

        var picks = Words(Client.Send("HRANDFIELD", "h", "-10000"));

        Assert.That(picks, Has.Length.EqualTo(10_000));
        var counts = picks.GroupBy(field => field).ToDictionary(group => group.Key, group => group.Count());
        Assert.That(counts.Keys, Is.EquivalentTo(Enumerable.Range(0, 10).Select(i => $"f{i}")));
        var chiSquare = counts.Values.Sum(seen => Math.Pow(seen - 1000.0, 2) / 1000.0);
        Assert.That(chiSquare, Is.LessThan(40), "df = 9: the upstream suite's bound, p < 0.00001");
    }

    [Test]
    public void HRANDFIELD_draws_from_the_hash_itself_or_from_a_copy_with_the_same_answers()
    {
        for (var i = 0; i < 100; i++)
        {
            Client.Send("HSET", "h", $"f{i}", $"v{i}");
        }

        // A count up to an eighth of the hash is drawn under the lock; past it, from a copy after the lock.
        foreach (var count in new[] { -5, -12, -13, -100, -1000, 12, 13 })
        {
            var pairs = Words(Client.Send("HRANDFIELD", "h", count.ToString(), "WITHVALUES")).Chunk(2).ToArray();
            Assert.That(pairs, Has.Length.EqualTo(Math.Abs(count)), $"count {count}");
            Assert.That(pairs, Has.All.Matches<string[]>(pair => pair is [var name, var value] && value == "v" + name[1..]), $"count {count}");
            if (count > 0)
            {
                Assert.That(pairs.Select(pair => pair[0]), Is.Unique, $"count {count}");
            }
        }
    }

    [Test]
    public void HRANDFIELD_WITHVALUES_is_flat_in_RESP2_and_pairs_in_RESP3()
    {
        Client.Send("HSET", "h", "a", "1");

        Assert.That(Client.Send("HRANDFIELD", "h", "-2", "WITHVALUES"), Is.EqualTo(HashCommandSpecs.Bulks("a", "1", "a", "1")));
        Client.Send("HELLO", "3");
        Assert.That(Client.Send("HRANDFIELD", "h", "1", "WITHVALUES"), Is.EqualTo("*1\r\n" + HashCommandSpecs.Bulks("a", "1")));
        Assert.That(Client.Send("HRANDFIELD", "h", "1"), Is.EqualTo(HashCommandSpecs.Bulks("a")));
    }

    [Test]
    public void HRANDFIELD_refuses_what_Redis_refuses()
    {
        Client.Send("HSET", "h", "a", "1");

        Assert.That(Client.Send("HRANDFIELD", "h", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(Client.Send("HRANDFIELD", "h", "-9223372036854775808"),
            Is.EqualTo("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n"));
        Assert.That(Client.Send("HRANDFIELD", "h", "-9223372036854770000", "WITHVALUES"), Is.EqualTo("-ERR value is out of range\r\n"));
        Assert.That(Client.Send("HRANDFIELD", "h", "1", "FOO"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("HRANDFIELD", "missing", "0", "FOO"), Is.EqualTo("-ERR syntax error\r\n"), "options are read before the key");
        Assert.That(Client.Send("HRANDFIELD", "h", "1", "WITHVALUES", "x"), Is.EqualTo("-ERR syntax error\r\n"));
    }

    private (string Cursor, (string Field, string Value)[] Fields) HScan(string cursor, params string[] options)
    {
        var reply = Client.Send(["HSCAN", "h", cursor, .. options]).Split("\r\n");
        var fields = new List<(string, string)>();
        for (var i = 4; i + 3 < reply.Length; i += 4)
        {
            fields.Add((reply[i + 1], reply[i + 3]));
        }

        return (reply[2], fields.ToArray());
    }

    // The bulk strings of a flat array reply.
    private static string[] Words(string reply) =>
        reply.Split("\r\n").Skip(1).Where((_, i) => i % 2 == 1).ToArray();
}
