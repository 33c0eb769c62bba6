using NUnit.Framework;
using static ReactiveCache.Specs.Commands.Redis.HashCommandSpecs;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>The list commands of t_list.c, replies and errors worded as redis-server 7.0.15 words them.</summary>
public sealed class ListCommandSpecs : RedisSessionSpec
{
    private const string WrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    [Test]
    public void Pushes_answer_the_length_and_the_X_forms_create_nothing()
    {
        Assert.That(Client.Send("LPUSHX", "l", "a"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("EXISTS", "l"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("RPUSH", "l", "b", "c"), Is.EqualTo(":2\r\n"));
        Assert.That(Client.Send("LPUSH", "l", "a", "z"), Is.EqualTo(":4\r\n"));
        Assert.That(Client.Send("RPUSHX", "l", "d"), Is.EqualTo(":5\r\n"));
        Assert.That(Client.Send("LPUSHX", "l", "y"), Is.EqualTo(":6\r\n"));

        Assert.That(Client.Send("LRANGE", "l", "0", "-1"), Is.EqualTo(Bulks("y", "z", "a", "b", "c", "d")));
        Assert.That(Client.Send("LLEN", "l"), Is.EqualTo(":6\r\n"));
        Assert.That(Client.Send("OBJECT", "ENCODING", "l"), Is.EqualTo("$9\r\nquicklist\r\n"));
        Assert.That(Client.Send("TYPE", "l"), Is.EqualTo("+list\r\n"));
    }

    [Test]
    public void Pops_with_and_without_a_count_in_RESP2_and_RESP3()
    {
        Client.Send("RPUSH", "l", "a", "b", "c", "d");

        Assert.That(Client.Send("LPOP", "l"), Is.EqualTo("$1\r\na\r\n"));
        Assert.That(Client.Send("RPOP", "l", "2"), Is.EqualTo(Bulks("d", "c")));
        Assert.That(Client.Send("LPOP", "l", "0"), Is.EqualTo("*0\r\n"));
        Assert.That(Client.Send("LPOP", "missing", "0"), Is.EqualTo("*-1\r\n"));
        Assert.That(Client.Send("LPOP", "missing"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("LPOP", "l", "-1"), Is.EqualTo("-ERR value is out of range, must be positive\r\n"));
        Assert.That(Client.Send("LPOP", "l", "x"), Is.EqualTo("-ERR value is out of range, must be positive\r\n"));
        Assert.That(Client.Send("LPOP", "l", "1", "2"), Is.EqualTo("-ERR wrong number of arguments for 'lpop' command\r\n"));
        Assert.That(Client.Send("LPOP", "l", "9223372036854775807"), Is.EqualTo(Bulks("b")), "a huge count takes what there is");
        Assert.That(Client.Send("EXISTS", "l"), Is.EqualTo(":0\r\n"), "the emptied list is gone");

        Client.Send("HELLO", "3");
        Assert.That(Client.Send("LPOP", "missing", "1"), Is.EqualTo("_\r\n"));
        Assert.That(Client.Send("RPOP", "missing"), Is.EqualTo("_\r\n"));
    }

    [Test]
    public void LINDEX_LSET_and_LINSERT_address_one_element()
    {
        Client.Send("RPUSH", "l", "a", "b", "c");

        Assert.That(Client.Send("LINDEX", "l", "-1"), Is.EqualTo("$1\r\nc\r\n"));
        Assert.That(Client.Send("LINDEX", "l", "3"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("LINDEX", "l", "-9223372036854775808"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("LINDEX", "l", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(Client.Send("LSET", "l", "-3", "A"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("LSET", "l", "3", "x"), Is.EqualTo("-ERR index out of range\r\n"));
        Assert.That(Client.Send("LSET", "missing", "0", "x"), Is.EqualTo("-ERR no such key\r\n"));
        Assert.That(Client.Send("LINSERT", "l", "BEFORE", "b", "x"), Is.EqualTo(":4\r\n"));
        Assert.That(Client.Send("LINSERT", "l", "after", "c", "y"), Is.EqualTo(":5\r\n"));
        Assert.That(Client.Send("LINSERT", "l", "AFTER", "nope", "y"), Is.EqualTo(":-1\r\n"));
        Assert.That(Client.Send("LINSERT", "missing", "AFTER", "a", "y"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("LINSERT", "l", "MIDDLE", "a", "y"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("LRANGE", "l", "0", "-1"), Is.EqualTo(Bulks("A", "x", "b", "c", "y")));
    }

    [Test]
    public void LRANGE_and_LTRIM_clamp_any_indexes_to_the_list()
    {
        Client.Send("RPUSH", "l", "a", "b", "c", "d", "e");

        Assert.That(Client.Send("LRANGE", "l", "-100", "1"), Is.EqualTo(Bulks("a", "b")));
        Assert.That(Client.Send("LRANGE", "l", "3", "9223372036854775807"), Is.EqualTo(Bulks("d", "e")));
        Assert.That(Client.Send("LRANGE", "l", "-9223372036854775808", "-9223372036854775808"), Is.EqualTo("*0\r\n"));
        Assert.That(Client.Send("LRANGE", "l", "4", "2"), Is.EqualTo("*0\r\n"));
        Assert.That(Client.Send("LRANGE", "missing", "0", "-1"), Is.EqualTo("*0\r\n"));
        Assert.That(Client.Send("LTRIM", "l", "1", "-2"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("LRANGE", "l", "0", "-1"), Is.EqualTo(Bulks("b", "c", "d")));
        Assert.That(Client.Send("LTRIM", "missing", "0", "1"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("LTRIM", "l", "5", "9"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("EXISTS", "l"), Is.EqualTo(":0\r\n"), "a range past the end empties and removes the list");
    }

    [Test]
    public void LREM_counts_from_the_head_from_the_tail_or_all()
    {
        Client.Send("RPUSH", "l", "x", "a", "x", "b", "x", "c", "x");

        Assert.That(Client.Send("LREM", "l", "1", "x"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("LREM", "l", "-2", "x"), Is.EqualTo(":2\r\n"));
        Assert.That(Client.Send("LRANGE", "l", "0", "-1"), Is.EqualTo(Bulks("a", "x", "b", "c")));
        Assert.That(Client.Send("LREM", "l", "-9223372036854775808", "x"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("LREM", "l", "0", "a"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("LREM", "missing", "0", "a"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("LRANGE", "l", "0", "-1"), Is.EqualTo(Bulks("b", "c")));
    }

    [Test]
    public void LPOS_finds_by_rank_count_and_maxlen_and_refuses_bad_options()
    {
        Client.Send("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c");

        Assert.That(Client.Send("LPOS", "l", "c"), Is.EqualTo(":2\r\n"));
        Assert.That(Client.Send("LPOS", "l", "c", "RANK", "-1"), Is.EqualTo(":7\r\n"));
        Assert.That(Client.Send("LPOS", "l", "c", "RANK", "-9223372036854775808"), Is.EqualTo(":7\r\n"), "7.0 reads it as the first from the tail");
        Assert.That(Client.Send("LPOS", "l", "c", "COUNT", "0", "RANK", "2"), Is.EqualTo("*2\r\n:6\r\n:7\r\n"));
        Assert.That(Client.Send("LPOS", "l", "c", "COUNT", "9223372036854775807", "MAXLEN", "3"), Is.EqualTo("*1\r\n:2\r\n"));
        Assert.That(Client.Send("LPOS", "l", "z"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("LPOS", "l", "z", "COUNT", "1"), Is.EqualTo("*0\r\n"));
        Assert.That(Client.Send("LPOS", "missing", "z", "COUNT", "1"), Is.EqualTo("*0\r\n"));
        Assert.That(Client.Send("LPOS", "l", "c", "RANK", "0"), Does.StartWith("-ERR RANK can't be zero: use 1 to start from the first match"));
        Assert.That(Client.Send("LPOS", "l", "c", "COUNT", "-1"), Is.EqualTo("-ERR COUNT can't be negative\r\n"));
        Assert.That(Client.Send("LPOS", "l", "c", "MAXLEN", "-1"), Is.EqualTo("-ERR MAXLEN can't be negative\r\n"));
        Assert.That(Client.Send("LPOS", "l", "c", "RANK", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(Client.Send("LPOS", "l", "c", "COUNT"), Is.EqualTo("-ERR syntax error\r\n"));
    }

    [Test]
    public void LMOVE_and_RPOPLPUSH_move_one_element_and_check_the_destination_first()
    {
        Client.Send("RPUSH", "src", "a", "b", "c");
        Client.Send("SET", "str", "x");

        Assert.That(Client.Send("LMOVE", "src", "dst", "LEFT", "RIGHT"), Is.EqualTo("$1\r\na\r\n"));
        Assert.That(Client.Send("RPOPLPUSH", "src", "dst"), Is.EqualTo("$1\r\nc\r\n"));
        Assert.That(Client.Send("LMOVE", "src", "src", "LEFT", "RIGHT"), Is.EqualTo("$1\r\nb\r\n"), "a list moved into itself turns");
        Assert.That(Client.Send("LMOVE", "src", "str", "LEFT", "LEFT"), Is.EqualTo(WrongType));
        Assert.That(Client.Send("LMOVE", "missing", "dst", "LEFT", "LEFT"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("LMOVE", "src", "dst", "UP", "LEFT"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("LRANGE", "src", "0", "-1"), Is.EqualTo(Bulks("b")), "the refused move left its element");
        Assert.That(Client.Send("LRANGE", "dst", "0", "-1"), Is.EqualTo(Bulks("c", "a")));
    }

    [Test]
    public void LMPOP_pops_from_the_first_list_and_reads_its_arguments_as_Redis_does()
    {
        Client.Send("RPUSH", "b", "1", "2", "3");

        Assert.That(Client.Send("LMPOP", "2", "a", "b", "RIGHT", "COUNT", "2"), Is.EqualTo("*2\r\n$1\r\nb\r\n" + Bulks("3", "2")));
        Assert.That(Client.Send("LMPOP", "1", "a", "LEFT"), Is.EqualTo("*-1\r\n"));
        Assert.That(Client.Send("LMPOP", "0", "a", "LEFT"), Is.EqualTo("-ERR numkeys should be greater than 0\r\n"));
        Assert.That(Client.Send("LMPOP", "9223372036854775807", "a", "LEFT"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("LMPOP", "2", "a", "LEFT"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("LMPOP", "1", "a", "LEFT", "COUNT", "0"), Is.EqualTo("-ERR count should be greater than 0\r\n"));
        Assert.That(Client.Send("LMPOP", "1", "a", "LEFT", "COUNT", "1", "COUNT", "1"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("LMPOP", "1", "b", "LEFT", "COUNT", "9223372036854775807"), Is.EqualTo("*2\r\n$1\r\nb\r\n" + Bulks("1")));
    }

    [Test]
    public void An_LTRIM_that_removes_nothing_still_touches_a_WATCH_and_announces_ltrim()
    {
        // redis-server 7.0.15's ltrimCommand signals the key and notifies "ltrim" whatever it removed.
        var watcher = Redis.Connect();
        watcher.Send("SUBSCRIBE", "__keyevent@0__:ltrim");
        Client.Send("CONFIG", "SET", "notify-keyspace-events", "El");
        Client.Send("RPUSH", "l", "a", "b");
        var other = Redis.Connect();
        other.Send("WATCH", "l");
        other.Send("MULTI");
        other.Send("LLEN", "l");

        Assert.That(Client.Send("LTRIM", "l", "0", "-1"), Is.EqualTo("+OK\r\n"));

        Assert.That(other.Send("EXEC"), Is.EqualTo("*-1\r\n"), "the WATCHed list was signalled");
        Assert.That(watcher.Pushed, Is.EqualTo(new[] { "*3\r\n$7\r\nmessage\r\n$20\r\n__keyevent@0__:ltrim\r\n$1\r\nl\r\n" }));
        Assert.That(Client.Send("LRANGE", "l", "0", "-1"), Is.EqualTo(Bulks("a", "b")));
    }

    [Test]
    public void A_list_moved_into_itself_announces_the_push_then_the_pop()
    {
        // What redis-server 7.0.15 published for RPUSH, LMOVE tl tl LEFT RIGHT and RPOPLPUSH tl tl.
        var watcher = Redis.Connect();
        watcher.Send("PSUBSCRIBE", "__keyevent@0__:*");
        Client.Send("CONFIG", "SET", "notify-keyspace-events", "El");

        Client.Send("RPUSH", "tl", "a", "b", "c");
        Client.Send("LMOVE", "tl", "tl", "LEFT", "RIGHT");
        Client.Send("RPOPLPUSH", "tl", "tl");

        Assert.That(watcher.Pushed.Select(push => push.Split("\r\n")[6]), Is.EqualTo(new[]
        {
            "__keyevent@0__:rpush", "__keyevent@0__:rpush", "__keyevent@0__:lpop", "__keyevent@0__:lpush", "__keyevent@0__:rpop",
        }));
        Assert.That(Client.Send("LRANGE", "tl", "0", "-1"), Is.EqualTo(Bulks("a", "b", "c")));
    }

    [Test]
    public void Every_list_command_answers_WRONGTYPE_for_another_type()
    {
        Client.Send("SET", "s", "x");

        foreach (var command in new[]
        {
            new[] { "LPUSH", "s", "a" }, ["RPUSHX", "s", "a"], ["LPOP", "s"], ["RPOP", "s", "2"], ["LLEN", "s"], ["LINDEX", "s", "0"],
            ["LSET", "s", "0", "a"], ["LINSERT", "s", "BEFORE", "a", "b"], ["LRANGE", "s", "0", "-1"], ["LTRIM", "s", "0", "1"],
            ["LREM", "s", "0", "a"], ["LPOS", "s", "a"], ["LMOVE", "s", "d", "LEFT", "LEFT"], ["RPOPLPUSH", "s", "d"], ["LMPOP", "1", "s", "LEFT"],
            ["BLPOP", "s", "0"], ["BLMOVE", "s", "d", "LEFT", "LEFT", "0"], ["BLMPOP", "0", "1", "s", "LEFT"],
        })
        {
            Assert.That(Client.Send(command), Is.EqualTo(WrongType), string.Join(' ', command));
        }
    }
}
