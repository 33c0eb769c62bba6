using NUnit.Framework;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>The member commands of t_set.c, replies worded as redis-server 7.0.15 words them.</summary>
public sealed class SetCommandSpecs : RedisSessionSpec
{
    private const string WrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

    [Test]
    public void SADD_counts_new_members_once_even_when_named_twice_in_one_command()
    {
        Assert.That(Client.Send("SADD", "s", "a", "b", "a", "c", "b"), Is.EqualTo(":3\r\n"));
        Assert.That(Client.Send("SADD", "s", "a", "d"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("SCARD", "s"), Is.EqualTo(":4\r\n"));
        Assert.That(Client.Send("SADD", "s"), Is.EqualTo("-ERR wrong number of arguments for 'sadd' command\r\n"));
    }

    [Test]
    public void Membership_reads_treat_a_missing_key_as_an_empty_set()
    {
        Client.Send("SADD", "s", "a", "b");

        Assert.That(Client.Send("SISMEMBER", "s", "a"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("SISMEMBER", "s", "x"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("SISMEMBER", "missing", "a"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("SMISMEMBER", "s", "x", "a", "b"), Is.EqualTo("*3\r\n:0\r\n:1\r\n:1\r\n"));
        Assert.That(Client.Send("SMISMEMBER", "missing", "a", "b"), Is.EqualTo("*2\r\n:0\r\n:0\r\n"));
        Assert.That(Client.Send("SMISMEMBER", "s"), Is.EqualTo("-ERR wrong number of arguments for 'smismember' command\r\n"));
        Assert.That(Client.Send("SCARD", "missing"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("SMEMBERS", "missing"), Is.EqualTo("*0\r\n"));
    }

    [Test]
    public void SMEMBERS_is_a_set_in_RESP3_and_an_intset_comes_in_numeric_order()
    {
        Client.Send("SADD", "n", "10", "-5", "3", "1");
        Client.Send("SADD", "s", "b", "a");

        Assert.That(Client.Send("SMEMBERS", "n"), Is.EqualTo(HashCommandSpecs.Bulks("-5", "1", "3", "10")));
        Client.Send("HELLO", "3");
        Assert.That(Client.Send("SMEMBERS", "s"), Is.EqualTo("~2\r\n$1\r\nb\r\n$1\r\na\r\n"));
        Assert.That(Client.Send("SMEMBERS", "missing"), Is.EqualTo("~0\r\n"));
    }

    [Test]
    public void OBJECT_ENCODING_is_intset_until_a_non_integer_or_too_many_members_and_never_turns_back()
    {
        Client.Send("SADD", "s", "1", "2", "-9223372036854775808");
        Assert.That(Client.Send("OBJECT", "ENCODING", "s"), Is.EqualTo("$6\r\nintset\r\n"));

        Client.Send("SADD", "s", "a");
        Client.Send("SREM", "s", "a");
        Assert.That(Client.Send("OBJECT", "ENCODING", "s"), Is.EqualTo("$9\r\nhashtable\r\n"), "7.0 never converts back");

        // string2ll's canonical integers only: a leading zero, a plus sign or 2^63 is a string member.
        foreach (var member in new[] { "01", "+1", "-0", "9223372036854775808", " 1" })
        {
            Client.Send("DEL", "t");
            Client.Send("SADD", "t", member);
            Assert.That(Client.Send("OBJECT", "ENCODING", "t"), Is.EqualTo("$9\r\nhashtable\r\n"), member);
        }

        Client.Send("CONFIG", "SET", "set-max-intset-entries", "3");
        Client.Send("SADD", "u", "1", "2", "3");
        Assert.That(Client.Send("OBJECT", "ENCODING", "u"), Is.EqualTo("$6\r\nintset\r\n"));
        Client.Send("SADD", "u", "4");
        Assert.That(Client.Send("OBJECT", "ENCODING", "u"), Is.EqualTo("$9\r\nhashtable\r\n"));
    }

    [Test]
    public void SREM_counts_removed_members_and_an_emptied_set_disappears_in_one_change()
    {
        Client.Send("SADD", "s", "a", "b", "c");
        var changes = new List<CacheChange>();
        using var subscription = Redis.Store.Changes.Subscribe(changes.Add);

        Assert.That(Client.Send("SREM", "s", "x", "y"), Is.EqualTo(":0\r\n"));
        Assert.That(changes, Is.Empty, "removing nothing changes nothing");
        Assert.That(Client.Send("SREM", "s", "a", "a"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("SREM", "s", "b", "c", "d"), Is.EqualTo(":2\r\n"));

        Assert.That(Client.Send("EXISTS", "s"), Is.EqualTo(":0\r\n"));
        Assert.That(changes.Select(change => (change.Kind, string.Join(",", change.Elements!))), Is.EqualTo(new[]
        {
            (ChangeKind.Updated, "-a"),
            (ChangeKind.Removed, "-b,-c"),
        }));
        Assert.That(Client.Send("SREM", "missing", "a"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void SMOVE_moves_one_member_and_a_move_within_one_set_changes_nothing()
    {
        Client.Send("SADD", "from", "a", "b");
        Client.Send("SADD", "to", "b");
        var changes = new List<CacheChange>();
        using var subscription = Redis.Store.Changes.Subscribe(changes.Add);

        Assert.That(Client.Send("SMOVE", "from", "from", "a"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("SMOVE", "from", "from", "x"), Is.EqualTo(":0\r\n"));
        Assert.That(changes, Is.Empty, "SMOVE k k m is a no-op");
        Assert.That(Client.Send("SMOVE", "from", "to", "x"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("SMOVE", "missing", "to", "a"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("SMOVE", "from", "to", "b"), Is.EqualTo(":1\r\n"), "the source loses it; the destination had it");
        Assert.That(Client.Send("SMOVE", "from", "new", "a"), Is.EqualTo(":1\r\n"));

        Assert.That(Client.Send("EXISTS", "from"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("SMEMBERS", "new"), Is.EqualTo(HashCommandSpecs.Bulks("a")));
        Assert.That(changes.Select(change => $"{change.KeyText} {change.Kind} {string.Join(",", change.Elements!)}"), Is.EqualTo(new[]
        {
            "from Updated -b",
            "from Removed -a",
            "new Added +a",
        }), "no change for a destination that already had the member");
    }

    [Test]
    public void SMOVE_checks_both_types_before_moving_anything()
    {
        Client.Send("SADD", "s", "a");
        Client.Send("SET", "str", "x");

        Assert.That(Client.Send("SMOVE", "str", "s", "a"), Is.EqualTo(WrongType));
        Assert.That(Client.Send("SMOVE", "s", "str", "a"), Is.EqualTo(WrongType));
        Assert.That(Client.Send("SMOVE", "missing", "str", "a"), Is.EqualTo(":0\r\n"), "a missing source answers 0 first");
        Assert.That(Client.Send("SISMEMBER", "s", "a"), Is.EqualTo(":1\r\n"));
    }

    [Test]
    public void SPOP_pops_one_or_count_members_and_a_count_past_the_size_takes_the_whole_set()
    {
        Client.Send("SADD", "s", "a", "b", "c");

        var one = Client.Send("SPOP", "s");
        Assert.That(one, Does.Match(@"^\$1\r\n[abc]\r\n$"));
        Assert.That(Client.Send("SPOP", "s", "0"), Is.EqualTo("*0\r\n"));
        Assert.That(Client.Send("SPOP", "s", "9223372036854775807"), Does.StartWith("*2\r\n"));
        Assert.That(Client.Send("EXISTS", "s"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("SPOP", "s"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("SPOP", "s", "5"), Is.EqualTo("*0\r\n"));
    }

    [Test]
    public void SPOP_refuses_a_bad_count_and_extra_words()
    {
        Client.Send("SADD", "s", "a");
        Client.Send("SET", "str", "x");

        Assert.That(Client.Send("SPOP", "s", "-1"), Is.EqualTo("-ERR value is out of range, must be positive\r\n"));
        Assert.That(Client.Send("SPOP", "s", "x"), Is.EqualTo("-ERR value is out of range, must be positive\r\n"));
        Assert.That(Client.Send("SPOP", "s", "1", "2"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("SPOP", "str", "0"), Is.EqualTo(WrongType));
        Assert.That(Client.Send("SPOP", "str"), Is.EqualTo(WrongType));
    }

    [Test]
    public void SPOP_with_a_count_is_a_set_in_RESP3_and_records_one_change_with_every_member_popped()
    {
        Client.Send("SADD", "s", "a", "b", "c", "d");
        Client.Send("HELLO", "3");
        var changes = new List<CacheChange>();
        using var subscription = Redis.Store.Changes.Subscribe(changes.Add);

        var reply = Client.Send("SPOP", "s", "3");

        Assert.That(reply, Does.StartWith("~3\r\n"));
        Assert.That(changes, Has.Count.EqualTo(1));
        Assert.That(changes[0].Reason, Is.EqualTo(ChangeReason.SetPop));
        Assert.That(changes[0].Elements!.Select(edit => $"${edit.Element.Length}\r\n{edit.ElementText}\r\n"), Is.EqualTo(SplitBulks(reply[4..])));
        Assert.That(Client.Send("SCARD", "s"), Is.EqualTo(":1\r\n"));
    }

    [Test]
    public void SRANDMEMBER_answers_distinct_members_for_a_positive_count_and_repeats_for_a_negative_one()
    {
        Client.Send("SADD", "s", "a", "b", "c");

        Assert.That(Client.Send("SRANDMEMBER", "s"), Does.Match(@"^\$1\r\n[abc]\r\n$"));
        Assert.That(SplitBulks(Client.Send("SRANDMEMBER", "s", "2")[4..]).Distinct().Count(), Is.EqualTo(2));
        Assert.That(Client.Send("SRANDMEMBER", "s", "9223372036854775807"), Does.StartWith("*3\r\n"), "no more than the set");
        Assert.That(SplitBulks(Client.Send("SRANDMEMBER", "s", "-50")[5..]), Has.Count.EqualTo(50));
        Assert.That(Client.Send("SRANDMEMBER", "s", "0"), Is.EqualTo("*0\r\n"));
        Assert.That(Client.Send("SRANDMEMBER", "missing", "5"), Is.EqualTo("*0\r\n"));
        Assert.That(Client.Send("SRANDMEMBER", "missing"), Is.EqualTo("$-1\r\n"));
        Assert.That(Client.Send("SCARD", "s"), Is.EqualTo(":3\r\n"), "nothing removed");
    }

    [Test]
    public void SRANDMEMBER_refuses_counts_it_cannot_answer()
    {
        Client.Send("SADD", "s", "a");

        Assert.That(Client.Send("SRANDMEMBER", "s", "-9223372036854775808"), Is.EqualTo("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n"));
        Assert.That(Client.Send("SRANDMEMBER", "s", "-9223372036854775807"), Is.EqualTo("-ERR value is out of range\r\n"), "a reply too big to build");
        Assert.That(Client.Send("SRANDMEMBER", "s", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(Client.Send("SRANDMEMBER", "s", "1", "2"), Is.EqualTo("-ERR syntax error\r\n"));
    }

    [Test]
    public void Answers_WRONGTYPE_for_every_member_command_on_another_type()
    {
        Client.Send("SET", "str", "x");

        foreach (var command in new[]
                 {
                     new[] { "SADD", "str", "a" }, ["SREM", "str", "a"], ["SISMEMBER", "str", "a"], ["SMISMEMBER", "str", "a"],
                     ["SCARD", "str"], ["SMEMBERS", "str"], ["SRANDMEMBER", "str"], ["SRANDMEMBER", "str", "2"], ["SSCAN", "str", "0"],
                 })
        {
            Assert.That(Client.Send(command), Is.EqualTo(WrongType), string.Join(" ", command));
        }

        Client.Send("SADD", "s", "a");
        Assert.That(Client.Send("GET", "s"), Is.EqualTo(WrongType));
        Assert.That(Client.Send("TYPE", "s"), Is.EqualTo("+set\r\n"));
    }

    [Test]
    public void Announces_sadd_srem_spop_and_del_keyspace_events()
    {
        using var redis = new RedisHarness(new RedisSettings { NotifyKeyspaceEvents = "Egs" });
        var watcher = redis.Connect();
        watcher.Send("PSUBSCRIBE", "__keyevent@0__:*");
        var client = redis.Connect();

        client.Send("SADD", "s", "a", "b", "c");
        client.Send("SADD", "s", "a");
        client.Send("SREM", "s", "a");
        client.Send("SMOVE", "s", "t", "b");
        client.Send("SPOP", "s");

        var events = watcher.Pushed.Select(push => push.Split("\r\n")[6]["__keyevent@0__:".Length..]);
        Assert.That(events, Is.EqualTo(new[] { "sadd", "srem", "srem", "sadd", "spop", "del" }));
    }

    private static List<string> SplitBulks(string bulks) =>
        System.Text.RegularExpressions.Regex.Matches(bulks, @"\$\d+\r\n[^\r]*\r\n").Select(match => match.Value).ToList();
}
