using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Commands;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Memcached;

/// <summary>
/// memcached's text authentication with the server's password, replies compared with memcached 1.6.18
/// started as <c>memcached -Y authfile</c> (authfile <c>default:secret</c>).
/// </summary>
public sealed class MemcachedAuthenticationSpecs
{
    private const string Unauthenticated = "CLIENT_ERROR unauthenticated\r\n";
    private CacheStore _store = null!;
    private MemcachedHarness _client = null!;

    [SetUp]
    public void Start()
    {
        _store = new CacheStore(scheduler: new TestScheduler());
        _store.Set("k", "v");
        _client = new MemcachedHarness(_store, maxItemSize: 64, access: new ServerAccess("secret"));
    }

    [TearDown]
    public void Stop() => _store.Dispose();

    [TestCase("get k\r\n")]
    [TestCase("version\r\n")]
    [TestCase("stats\r\n")]
    [TestCase("quit\r\n")]
    [TestCase("mn\r\n")]
    [TestCase("mg k v\r\n")]
    [TestCase("delete k\r\n")]
    [TestCase("flush_all\r\n")]
    [TestCase("add a 0 0 14\r\ndefault secret\r\n")]
    [TestCase("ms a 14\r\ndefault secret\r\n")]
    [TestCase("\r\n")]
    [TestCase("bogus\r\n")]
    public void Answers_everything_but_the_authentication_set_with_unauthenticated(string request)
    {
        var reply = _client.Send(request);

        Assert.That(reply, Is.EqualTo(Unauthenticated));
        Assert.That(_client.Closed, Is.False);
        Assert.That(_store.Get("k"), Is.EqualTo("v"));
    }

    [Test]
    public void A_set_whose_data_is_default_and_the_password_authenticates_and_stores_nothing()
    {
        var replies = _client.Send("set anykey 0 0 14\r\ndefault secret\r\nget anykey k\r\n");

        Assert.That(replies, Is.EqualTo("STORED\r\nVALUE k 0 1\r\nv\r\nEND\r\n"));
    }

    [Test]
    public void Noreply_does_not_silence_the_authentication_answer_as_in_memcached()
    {
        Assert.That(_client.Send("set a 0 0 14 noreply\r\ndefault secret\r\n"), Is.EqualTo("STORED\r\n"));
    }

    [TestCase("default wrong!", "CLIENT_ERROR authentication failure\r\n")]
    [TestCase("alice secret", "CLIENT_ERROR authentication failure\r\n")]
    [TestCase("secret", "CLIENT_ERROR bad authentication token format\r\n")]
    [TestCase("default ", "CLIENT_ERROR bad authentication token format\r\n")]
    [TestCase("default secret\0", "CLIENT_ERROR authentication failure\r\n")]
    public void A_wrong_user_password_or_format_fails_and_the_client_stays_unauthenticated(string data, string expected)
    {
        var reply = _client.Send($"set a 0 0 {data.Length}\r\n{data}\r\n");
        var after = _client.Send("get k\r\n");

        Assert.That(reply, Is.EqualTo(expected));
        Assert.That(after, Is.EqualTo(Unauthenticated));
    }

    [Test]
    public void Trailing_spaces_after_the_password_are_ignored_as_memcached_tokenizes()
    {
        Assert.That(_client.Send("set a 0 0 16\r\ndefault  secret \r\n"), Is.EqualTo("STORED\r\n"));
    }

    [Test]
    public void An_oversized_set_before_authenticating_does_not_drop_the_key_it_names()
    {
        var reply = _client.Send($"set k 0 0 100\r\n{new string('x', 100)}\r\n");

        Assert.That(reply, Is.EqualTo(Unauthenticated));
        Assert.That(_store.Get("k"), Is.EqualTo("v"));
    }

    [Test]
    public void The_authentication_counters_appear_in_stats()
    {
        _client.Send("set a 0 0 5\r\nx y z\r\nset a 0 0 14\r\ndefault secret\r\n");

        var stats = _client.Send("stats\r\n");

        Assert.That(stats, Does.Contain("STAT auth_cmds 2\r\n").And.Contain("STAT auth_errors 1\r\n"));
    }
}
