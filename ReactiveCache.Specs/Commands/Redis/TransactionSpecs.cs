using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>
/// MULTI/EXEC/WATCH as redis-server 7.0.15 answers them (multi.c), including what the upstream suite's
/// unit/multi checks that comparing versions at EXEC alone gets wrong.
/// </summary>
public sealed class TransactionSpecs : ReactiveTest
{
    private RedisHarness _redis = null!;
    private RedisHarness.Client _client = null!;
    private RedisHarness.Client _other = null!;

    [SetUp]
    public void Connect()
    {
        _redis = new RedisHarness();
        _client = _redis.Connect();
        _other = _redis.Connect();
    }

    [TearDown]
    public void Dispose() => _redis.Dispose();

    [Test]
    public void A_watched_key_created_and_deleted_again_is_touched()
    {
        _client.Send("WATCH", "x");
        _other.Send("SET", "x", "1");
        _other.Send("DEL", "x");

        _client.Send("MULTI");
        _client.Send("PING");

        Assert.That(_client.Send("EXEC"), Is.EqualTo("*-1\r\n"));
    }

    [Test]
    public void An_expired_key_that_goes_away_after_it_was_watched_absent_touches_nothing()
    {
        _client.Send("SET", "x", "foo", "PX", "1");
        _redis.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(2).Ticks);
        _client.Send("WATCH", "x");
        _other.Send("EXISTS", "x");
        _other.Send("FLUSHDB");

        _client.Send("MULTI");
        _client.Send("PING");

        Assert.That(_client.Send("EXEC"), Is.EqualTo("*1\r\n+PONG\r\n"));
    }

    [Test]
    public void A_watched_key_that_expires_before_exec_is_touched()
    {
        _client.Send("SET", "x", "foo", "PX", "100");
        _client.Send("WATCH", "x");
        _redis.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(101).Ticks);

        _client.Send("MULTI");
        _client.Send("INCR", "x");

        Assert.That(_client.Send("EXEC"), Is.EqualTo("*-1\r\n"));
    }

    [Test]
    public void Discard_and_unwatch_forget_that_a_key_was_touched()
    {
        _client.Send("WATCH", "x");
        _other.Send("SET", "x", "10");
        _client.Send("MULTI");
        _client.Send("DISCARD");
        _client.Send("WATCH", "y");
        _other.Send("SET", "y", "1");
        _client.Send("UNWATCH");

        _client.Send("MULTI");
        _client.Send("INCR", "x");

        Assert.That(_client.Send("EXEC"), Is.EqualTo("*1\r\n:11\r\n"));
    }

    [Test]
    public void A_key_watched_twice_is_watched_once_from_the_first_time()
    {
        _client.Send("SET", "x", "1");
        _client.Send("WATCH", "x");
        _other.Send("SET", "x", "2");
        _client.Send("WATCH", "x");

        _client.Send("MULTI");
        _client.Send("PING");

        Assert.That(_redis.Server.Watches.WatchedKeyCount, Is.EqualTo(1));
        Assert.That(_client.Send("EXEC"), Is.EqualTo("*-1\r\n"));
        Assert.That(_redis.Server.Watches.WatchedKeyCount, Is.Zero);
    }

    [Test]
    public void Unwatch_inside_the_transaction_runs_there_and_forgets_the_keys()
    {
        _client.Send("WATCH", "x");
        _client.Send("MULTI");
        _client.Send("UNWATCH");
        _client.Send("SET", "x", "1");

        Assert.That(_client.Send("EXEC"), Is.EqualTo("*2\r\n+OK\r\n+OK\r\n"));
        _other.Send("WATCH", "x");
        _client.Send("SET", "x", "2");
        _other.Send("MULTI");
        Assert.That(_other.Send("EXEC"), Is.EqualTo("*-1\r\n"));
    }

    [Test]
    public void A_disconnected_watcher_is_forgotten()
    {
        _client.Send("WATCH", "x", "y");

        _client.Disconnect();
        _other.Send("SET", "x", "1");

        Assert.That(_redis.Server.Watches.WatchedKeyCount, Is.Zero);
        Assert.That(_redis.Store.SubscriberCount, Is.Zero);
    }

    [Test]
    public void Shutdown_inside_multi_is_refused_and_aborts_the_transaction()
    {
        _client.Send("MULTI");
        _client.Send("SET", "foo", "bar");

        Assert.That(_client.Send("SHUTDOWN"), Is.EqualTo("-ERR Command not allowed inside a transaction\r\n"));
        Assert.That(_client.Send("EXEC"), Is.EqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n"));
        Assert.That(_redis.ShutdownRequested, Is.False);
        Assert.That(_client.Send("GET", "foo"), Is.EqualTo("$-1\r\n"));
    }

    [TestCase(new[] { "FUNCTION", "FLUSH" }, "+OK\r\n")]
    [TestCase(new[] { "FUNCTION", "FLUSH", "async" }, "+OK\r\n")]
    [TestCase(new[] { "FUNCTION", "FLUSH", "SYNC" }, "+OK\r\n")]
    [TestCase(new[] { "FUNCTION", "FLUSH", "bla" }, "-ERR FUNCTION FLUSH only supports SYNC|ASYNC option\r\n")]
    [TestCase(new[] { "FUNCTION", "FLUSH", "a", "b" }, "-ERR unknown subcommand or wrong number of arguments for 'flush'. Try FUNCTION HELP.\r\n")]
    public void Function_flush_has_nothing_to_flush_and_answers_as_Redis(string[] request, string reply)
    {
        Assert.That(_client.Send(request), Is.EqualTo(reply));
    }
}
