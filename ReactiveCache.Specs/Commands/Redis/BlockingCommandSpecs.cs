using NUnit.Framework;
using static ReactiveCache.Specs.Commands.Redis.HashCommandSpecs;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>
/// BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP on the virtual clock: their timeouts to the millisecond, who is served
/// first, chained moves, MULTI, CLIENT UNBLOCK and clients that leave. Every expected reply is redis-server 7.0.15's.
/// </summary>
public sealed class BlockingCommandSpecs : RedisSessionSpec
{
    private static readonly object[] s_blockingCommands =
    [
        new object[] { new[] { "BLPOP", "q", "0.25" } },
        new object[] { new[] { "BRPOP", "q", "0.25" } },
        new object[] { new[] { "BLMOVE", "q", "d", "LEFT", "RIGHT", "0.25" } },
        new object[] { new[] { "BRPOPLPUSH", "q", "d", "0.25" } },
        new object[] { new[] { "BLMPOP", "0.25", "1", "q", "LEFT" } },
    ];

    private static string Popped(string key, string element) => "*2\r\n" + Bulks(key)[4..] + Bulks(element)[4..];

    private void Advance(int milliseconds) => Redis.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(milliseconds).Ticks);

    [TestCaseSource(nameof(s_blockingCommands))]
    public void Times_out_after_exactly_its_fractional_timeout_with_a_null_array(string[] command)
    {
        Assert.That(Client.Send(command), Is.Empty, "it blocks");

        Advance(249);
        Assert.That(Client.ReadLater(), Is.Empty, "a millisecond before the timeout");
        Advance(1);
        Assert.That(Client.ReadLater(), Is.EqualTo("*-1\r\n"), "7.0 answers a null array, BLMOVE too");
        Assert.That(Client.Send("PING"), Is.EqualTo("+PONG\r\n"));
    }

    [TestCaseSource(nameof(s_blockingCommands))]
    public void Times_out_with_RESP3_null(string[] command)
    {
        Client.Send("HELLO", "3");

        Assert.That(Client.Send(command), Is.Empty);
        Advance(250);

        Assert.That(Client.ReadLater(), Is.EqualTo("_\r\n"));
    }

    [Test]
    public void A_zero_timeout_waits_for_ever_until_a_push_serves_it()
    {
        var pusher = Redis.Connect();

        Assert.That(Client.Send("BRPOP", "q", "0"), Is.Empty);
        Redis.Scheduler.AdvanceBy(TimeSpan.FromDays(400).Ticks);
        Assert.That(Client.ReadLater(), Is.Empty, "still waiting after a year");
        Assert.That(pusher.Send("RPUSH", "q", "a", "b"), Is.EqualTo(":2\r\n"));

        Assert.That(Client.ReadLater(), Is.EqualTo(Popped("q", "b")));
        Assert.That(pusher.Send("LRANGE", "q", "0", "-1"), Is.EqualTo(Bulks("a")));
    }

    [Test]
    public void A_negative_timeout_or_one_that_is_not_a_float_is_refused_at_once()
    {
        foreach (var timeout in new[] { "-1", "-0.5" })
        {
            Assert.That(Client.Send("BLPOP", "q", timeout), Is.EqualTo("-ERR timeout is negative\r\n"), timeout);
            Assert.That(Client.Send("BLMOVE", "q", "d", "LEFT", "RIGHT", timeout), Is.EqualTo("-ERR timeout is negative\r\n"), timeout);
            Assert.That(Client.Send("BLMPOP", timeout, "1", "q", "LEFT"), Is.EqualTo("-ERR timeout is negative\r\n"), timeout);
        }

        const string NotFloat = "-ERR timeout is not a float or out of range\r\n";
        Assert.That(Client.Send("BLPOP", "q", "x"), Is.EqualTo(NotFloat));
        Assert.That(Client.Send("BRPOP", "q", "1s"), Is.EqualTo(NotFloat));
        Assert.That(Client.Send("BLMOVE", "q", "d", "LEFT", "RIGHT", "x"), Is.EqualTo(NotFloat));
        Assert.That(Client.Send("BRPOPLPUSH", "q", "d", "x"), Is.EqualTo(NotFloat));
        Assert.That(Client.Send("BLMPOP", "x", "1", "q", "LEFT"), Is.EqualTo(NotFloat));
    }

    [Test]
    public void Clients_blocked_on_a_key_are_served_first_come_first_served()
    {
        var first = Redis.Connect();
        var second = Redis.Connect();
        var third = Redis.Connect();
        first.Send("BLPOP", "q", "0");
        second.Send("BRPOP", "q", "0");
        third.Send("BLPOP", "q", "0");

        Assert.That(Client.Send("RPUSH", "q", "a", "b", "c", "d"), Is.EqualTo(":4\r\n"));

        Assert.That(first.ReadLater(), Is.EqualTo(Popped("q", "a")));
        Assert.That(second.ReadLater(), Is.EqualTo(Popped("q", "d")), "BRPOP pops from the tail of what is left");
        Assert.That(third.ReadLater(), Is.EqualTo(Popped("q", "b")));
        Assert.That(Client.Send("LRANGE", "q", "0", "-1"), Is.EqualTo(Bulks("c")));
    }

    [Test]
    public void A_woken_BLMOVE_pushes_to_its_destination_and_that_wakes_the_client_blocked_there()
    {
        var mover = Redis.Connect();
        var popper = Redis.Connect();
        mover.Send("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0");
        popper.Send("BLPOP", "dst", "0");

        Assert.That(Client.Send("RPUSH", "src", "x"), Is.EqualTo(":1\r\n"));

        Assert.That(mover.ReadLater(), Is.EqualTo("$1\r\nx\r\n"));
        Assert.That(popper.ReadLater(), Is.EqualTo(Popped("dst", "x")));
        Assert.That(Client.Send("EXISTS", "src", "dst"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void A_woken_BRPOPLPUSH_chains_into_a_blocked_BLMPOP()
    {
        var mover = Redis.Connect();
        var popper = Redis.Connect();
        mover.Send("BRPOPLPUSH", "src", "dst", "0");
        popper.Send("BLMPOP", "0", "1", "dst", "RIGHT", "COUNT", "3");

        Assert.That(Client.Send("RPUSH", "src", "y", "z"), Is.EqualTo(":2\r\n"));

        Assert.That(mover.ReadLater(), Is.EqualTo("$1\r\nz\r\n"));
        Assert.That(popper.ReadLater(), Is.EqualTo("*2\r\n$3\r\ndst\r\n" + Bulks("z")));
        Assert.That(Client.Send("LRANGE", "src", "0", "-1"), Is.EqualTo(Bulks("y")));
    }

    [Test]
    public void Inside_MULTI_a_blocking_command_never_blocks()
    {
        Client.Send("MULTI");
        foreach (var command in new[]
        {
            new[] { "BLPOP", "q", "0" }, ["BRPOP", "q", "0"], ["BLMOVE", "q", "d", "LEFT", "LEFT", "0"], ["BRPOPLPUSH", "q", "d", "0"],
            ["BLMPOP", "0", "1", "q", "LEFT"],
        })
        {
            Assert.That(Client.Send(command), Is.EqualTo("+QUEUED\r\n"));
        }

        Assert.That(Client.Send("EXEC"), Is.EqualTo("*5\r\n*-1\r\n*-1\r\n$-1\r\n$-1\r\n*-1\r\n"), "the moves answer a null bulk, as LMOVE would");
    }

    [Test]
    public void Inside_MULTI_a_blocking_command_pops_what_is_there_as_its_plain_form()
    {
        Client.Send("RPUSH", "q", "x", "y");

        Client.Send("MULTI");
        Client.Send("BLPOP", "q", "0");
        Client.Send("BLMOVE", "q", "d", "LEFT", "LEFT", "0");
        Client.Send("BLMPOP", "0", "1", "q", "LEFT", "COUNT", "5");

        Assert.That(Client.Send("EXEC"), Is.EqualTo("*3\r\n" + Popped("q", "x") + "$1\r\ny\r\n*-1\r\n"));
        Assert.That(Client.Send("LRANGE", "d", "0", "-1"), Is.EqualTo(Bulks("y")));
    }

    [Test]
    public void CLIENT_UNBLOCK_ends_a_wait_with_its_timeout_reply_or_the_UNBLOCKED_error()
    {
        var other = Redis.Connect();
        var id = Client.Send("CLIENT", "ID")[1..^2];

        Assert.That(Client.Send("BLPOP", "q", "0"), Is.Empty);
        Assert.That(other.Send("CLIENT", "UNBLOCK", id, "TIMEOUT"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.ReadLater(), Is.EqualTo("*-1\r\n"));

        Assert.That(Client.Send("BLMOVE", "q", "d", "LEFT", "LEFT", "0"), Is.Empty);
        Assert.That(other.Send("CLIENT", "UNBLOCK", id, "ERROR"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.ReadLater(), Is.EqualTo("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n"));

        Assert.That(Client.Send("BLMPOP", "0", "1", "q", "LEFT"), Is.Empty);
        Assert.That(other.Send("CLIENT", "UNBLOCK", id), Is.EqualTo(":1\r\n"), "TIMEOUT is the default");
        Assert.That(Client.ReadLater(), Is.EqualTo("*-1\r\n"));

        Assert.That(other.Send("CLIENT", "UNBLOCK", id, "ERROR"), Is.EqualTo(":0\r\n"), "a client not blocked");
        Assert.That(other.Send("CLIENT", "UNBLOCK", id, "FOO"), Is.EqualTo("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n"));
        Assert.That(other.Send("CLIENT", "UNBLOCK", "x"), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(other.Send("RPUSH", "q", "a"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.ReadLater(), Is.Empty, "an unblocked client pops nothing later");
    }

    [Test]
    public void A_client_that_disconnects_while_blocked_leaves_the_queue_and_the_next_in_line_is_served()
    {
        var leaving = Redis.Connect();
        var next = Redis.Connect();
        leaving.Send("BLPOP", "q", "0");
        next.Send("BLPOP", "q", "0");

        leaving.Disconnect();
        Assert.That(Client.Send("RPUSH", "q", "e"), Is.EqualTo(":1\r\n"));

        Assert.That(next.ReadLater(), Is.EqualTo(Popped("q", "e")));
        Assert.That(Client.Send("INFO", "clients"), Does.Contain("blocked_clients:0\r\n"));
    }

    [Test]
    public void A_client_that_disconnects_while_blocked_pops_nothing_and_the_element_stays()
    {
        var leaving = Redis.Connect();
        leaving.Send("BLMOVE", "q", "d", "LEFT", "RIGHT", "0");

        leaving.Disconnect();
        Assert.That(Client.Send("RPUSH", "q", "f"), Is.EqualTo(":1\r\n"));

        Assert.That(Client.Send("LRANGE", "q", "0", "-1"), Is.EqualTo(Bulks("f")));
        Assert.That(Client.Send("EXISTS", "d"), Is.EqualTo(":0\r\n"));
        Assert.That(Client.Send("BLPOP", "q", "1"), Is.EqualTo(Popped("q", "f")), "the next to ask takes it at once");
    }
}
