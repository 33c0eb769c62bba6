using NUnit.Framework;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>SINTER, SUNION, SDIFF, their STORE forms, SINTERCARD and SSCAN, as redis-server 7.0.15 answers them.</summary>
public sealed class SetAlgebraSpecs : RedisSessionSpec
{
    private const string WrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    [SetUp]
    public void Fill()
    {
        Client.Send("SADD", "a", "1", "2", "3", "x");
        Client.Send("SADD", "b", "2", "3", "4");
        Client.Send("SADD", "n", "30", "-1", "20");
    }

    [Test]
    public void Combines_sets_and_treats_a_missing_key_as_an_empty_set()
    {
        Assert.That(Sorted(Client.Send("SINTER", "a", "b")), Is.EqualTo(new[] { "2", "3" }));
        Assert.That(Client.Send("SINTER", "a", "missing"), Is.EqualTo("*0\r\n"));
        Assert.That(Sorted(Client.Send("SUNION", "a", "missing", "b")), Is.EqualTo(new[] { "1", "2", "3", "4", "x" }));
        Assert.That(Sorted(Client.Send("SDIFF", "a", "b", "missing")), Is.EqualTo(new[] { "1", "x" }));
        Assert.That(Client.Send("SDIFF", "missing", "a"), Is.EqualTo("*0\r\n"));
        Assert.That(Client.Send("SDIFF", "a", "a"), Is.EqualTo("*0\r\n"), "the same set twice leaves nothing");
        Assert.That(Sorted(Client.Send("SINTER", "a", "a", "a")), Is.EqualTo(new[] { "1", "2", "3", "x" }));
    }

    [Test]
    public void An_all_integer_result_comes_in_an_intsets_numeric_order_and_RESP3_answers_sets()
    {
        Assert.That(Client.Send("SUNION", "n", "b"), Is.EqualTo(HashCommandSpecs.Bulks("-1", "2", "3", "4", "20", "30")));
        Assert.That(Client.Send("SINTER", "n", "n"), Is.EqualTo(HashCommandSpecs.Bulks("-1", "20", "30")));

        Client.Send("HELLO", "3");
        Assert.That(Client.Send("SDIFF", "n", "b"), Is.EqualTo("~3\r\n$2\r\n-1\r\n$2\r\n20\r\n$2\r\n30\r\n"));
        Assert.That(Client.Send("SINTER", "n", "missing"), Is.EqualTo("~0\r\n"));
    }

    [Test]
    public void A_STORE_form_replaces_the_destination_and_an_empty_result_deletes_it()
    {
        Client.Send("SET", "dst", "text");
        Client.Send("EXPIRE", "dst", "100");

        Assert.That(Client.Send("SINTERSTORE", "dst", "a", "b"), Is.EqualTo(":2\r\n"));
        Assert.That(Client.Send("TTL", "dst"), Is.EqualTo(":-1\r\n"), "a stored set has no time to live");
        Assert.That(Client.Send("OBJECT", "ENCODING", "dst"), Is.EqualTo("$6\r\nintset\r\n"));
        Assert.That(Client.Send("SUNIONSTORE", "dst", "a", "b"), Is.EqualTo(":5\r\n"));
        Assert.That(Client.Send("OBJECT", "ENCODING", "dst"), Is.EqualTo("$9\r\nhashtable\r\n"));
        Assert.That(Client.Send("SDIFFSTORE", "a", "a", "b"), Is.EqualTo(":2\r\n"), "the destination may be a source");
        Assert.That(Sorted(Client.Send("SMEMBERS", "a")), Is.EqualTo(new[] { "1", "x" }));

        Assert.That(Client.Send("SINTERSTORE", "dst", "a", "missing"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("EXISTS", "dst"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void A_STORE_form_checks_every_type_before_touching_the_destination()
    {
        Client.Send("SET", "str", "x");
        Client.Send("SADD", "dst", "keep");

        foreach (var command in new[] { "SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE" })
        {
            Assert.That(Client.Send(command, "dst", "missing", "str"), Is.EqualTo(WrongType), command);
        }

        foreach (var command in new[] { "SINTER", "SUNION", "SDIFF" })
        {
            Assert.That(Client.Send(command, "missing", "str"), Is.EqualTo(WrongType), command);
        }

        Assert.That(Client.Send("SMEMBERS", "dst"), Is.EqualTo(HashCommandSpecs.Bulks("keep")));
    }

    [Test]
    public void SINTERCARD_counts_up_to_its_limit()
    {
        Assert.That(Client.Send("SINTERCARD", "2", "a", "b"), Is.EqualTo(":2\r\n"));
        Assert.That(Client.Send("SINTERCARD", "2", "a", "b", "LIMIT", "1"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("SINTERCARD", "2", "a", "b", "limit", "0"), Is.EqualTo(":2\r\n"), "0 is no limit");
        Assert.That(Client.Send("SINTERCARD", "1", "a", "LIMIT", "9223372036854775807"), Is.EqualTo(":4\r\n"));
        Assert.That(Client.Send("SINTERCARD", "1", "missing"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void SINTERCARD_words_its_argument_errors_as_Redis()
    {
        Client.Send("SET", "str", "x");

        Assert.That(Client.Send("SINTERCARD", "0", "a"), Is.EqualTo("-ERR numkeys should be greater than 0\r\n"));
        Assert.That(Client.Send("SINTERCARD", "x", "a"), Is.EqualTo("-ERR numkeys should be greater than 0\r\n"));
        Assert.That(Client.Send("SINTERCARD", "3", "a", "b"), Is.EqualTo("-ERR Number of keys can't be greater than number of args\r\n"));
        Assert.That(Client.Send("SINTERCARD", "1", "a", "b"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("SINTERCARD", "1", "a", "LIMIT"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("SINTERCARD", "1", "a", "LIMIT", "-1"), Is.EqualTo("-ERR LIMIT can't be negative\r\n"));
        Assert.That(Client.Send("SINTERCARD", "1", "a", "LIMIT", "x"), Is.EqualTo("-ERR LIMIT can't be negative\r\n"));
        Assert.That(Client.Send("SINTERCARD", "2", "missing", "str"), Is.EqualTo(WrongType));
        Assert.That(Client.Send("SINTERCARD", "1"), Is.EqualTo("-ERR wrong number of arguments for 'sintercard' command\r\n"));
    }

    [Test]
    public void SSCAN_pages_a_hashtable_set_and_answers_an_intset_whole()
    {
        for (var i = 0; i < 300; i++)
        {
            Client.Send("SADD", "big", "m" + i);
        }

        var seen = new List<string>();
        var cursor = "0";
        var pages = 0;
        do
        {
            var reply = Client.Send("SSCAN", "big", cursor, "COUNT", "50");
            var lines = reply.Split("\r\n");
            cursor = lines[2];
            seen.AddRange(lines.Skip(4).Where((_, i) => i % 2 == 1).Where(line => line.Length > 0));
            pages++;
        }
        while (cursor != "0");

        Assert.That(seen, Is.EquivalentTo(Enumerable.Range(0, 300).Select(i => "m" + i)), "each member exactly once");
        Assert.That(pages, Is.GreaterThan(1));
        Assert.That(Client.Send("SSCAN", "n", "0", "COUNT", "1"), Is.EqualTo("*2\r\n$1\r\n0\r\n" + HashCommandSpecs.Bulks("-1", "20", "30")));
        Assert.That(Client.Send("SSCAN", "a", "0", "MATCH", "x*"), Is.EqualTo("*2\r\n$1\r\n0\r\n" + HashCommandSpecs.Bulks("x")));
    }

    [Test]
    public void SSCAN_reads_the_cursor_first_and_the_options_after_the_key()
    {
        Client.Send("SET", "str", "x");

        Assert.That(Client.Send("SSCAN", "missing", "x"), Is.EqualTo("-ERR invalid cursor\r\n"));
        Assert.That(Client.Send("SSCAN", "missing", "0", "COUNT", "0"), Is.EqualTo("*2\r\n$1\r\n0\r\n*0\r\n"));
        Assert.That(Client.Send("SSCAN", "str", "0", "COUNT", "0"), Is.EqualTo(WrongType));
        Assert.That(Client.Send("SSCAN", "a", "0", "COUNT", "0"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("SSCAN", "a", "0", "TYPE", "set"), Is.EqualTo("-ERR syntax error\r\n"));
    }

    [Test]
    public void Inside_EXEC_a_big_read_form_answers_in_place()
    {
        for (var i = 0; i < 3000; i++)
        {
            Client.Send("SADD", "big", "m" + i);
        }

        Client.Send("MULTI");
        Client.Send("SUNION", "big", "a");
        Client.Send("SMEMBERS", "big");

        var reply = Client.Send("EXEC");

        Assert.That(reply, Does.StartWith("*2\r\n*3004\r\n"));
        Assert.That(reply, Does.Contain("*3000\r\n"));
    }

    [Test]
    public void A_big_STORE_form_computes_after_the_lock_and_stores_the_result()
    {
        // 6000 members in all, past BigReply.InlineWork: the union is computed on the thread pool and stored by a second write.
        Client.Send(["SADD", "big1", .. Enumerable.Range(0, 3000).Select(i => "m" + i)]);
        Client.Send(["SADD", "big2", .. Enumerable.Range(0, 3000).Select(i => "n" + i)]);

        Assert.That(Client.SendAwaiting(":6000\r\n".Length, "SUNIONSTORE", "dst", "big1", "big2"), Is.EqualTo(":6000\r\n"));
        Assert.That(Client.Send("SCARD", "dst"), Is.EqualTo(":6000\r\n"));
        Assert.That(Client.Send("SMISMEMBER", "dst", "m0", "n2999", "x"), Is.EqualTo("*3\r\n:1\r\n:1\r\n:0\r\n"));

        Client.Send("MULTI");
        Client.Send("SINTERSTORE", "dst", "big1", "dst");
        Assert.That(Client.Send("EXEC"), Is.EqualTo("*1\r\n:3000\r\n"), "inside EXEC it runs in place");
    }

    private static string[] Sorted(string reply) =>
        [.. reply.Split("\r\n").Skip(1).Where((_, i) => i % 2 == 1).Where(line => line.Length > 0).Order(StringComparer.Ordinal)];
}
