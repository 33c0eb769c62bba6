using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Commands;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

public sealed class ConnectionCommandSpecs : ReactiveTest
{
    [Test]
    public void Answers_unknown_commands_and_wrong_arity_in_Redis_words()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        Assert.That(client.Send("FOO", "bar", "baz"), Is.EqualTo("-ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' \r\n"));
        Assert.That(client.Send("GET"), Is.EqualTo("-ERR wrong number of arguments for 'get' command\r\n"));
        Assert.That(client.Send("CONFIG", "GET"), Is.EqualTo("-ERR wrong number of arguments for 'config|get' command\r\n"));
        Assert.That(client.Send("CONFIG", "NOPE"), Is.EqualTo("-ERR unknown subcommand 'NOPE'. Try CONFIG HELP.\r\n"));
        Assert.That(client.Send("CLUSTER", "INFO"), Is.EqualTo("-ERR This instance has cluster support disabled\r\n"));
        Assert.That(client.Send("PING"), Is.EqualTo("+PONG\r\n"));
    }

    [Test]
    public void Pings_echoes_and_quits()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        Assert.That(client.Send("PING", "hi"), Is.EqualTo("$2\r\nhi\r\n"));
        Assert.That(client.Send("ECHO", "x"), Is.EqualTo("$1\r\nx\r\n"));
        Assert.That(client.Send("QUIT"), Is.EqualTo("+OK\r\n"));
        Assert.That(client.Closed, Is.True);
    }

    [Test]
    public void Switches_to_RESP3_with_HELLO()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        var hello = client.Send("HELLO", "3", "SETNAME", "me");

        Assert.That(hello, Is.EqualTo(
            "%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.2.4\r\n$5\r\nproto\r\n:3\r\n$2\r\nid\r\n:1\r\n"
            + "$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n"));
        Assert.That(client.Send("GET", "missing"), Is.EqualTo("_\r\n"));
        Assert.That(client.Send("CLIENT", "GETNAME"), Is.EqualTo("$2\r\nme\r\n"));
        Assert.That(client.Send("HELLO", "4"), Is.EqualTo("-NOPROTO unsupported protocol version\r\n"));
        Assert.That(client.Send("HELLO", "x"), Is.EqualTo("-ERR Protocol version is not an integer or out of range\r\n"));
        Assert.That(client.Send("RESET"), Is.EqualTo("+RESET\r\n"));
        Assert.That(client.Send("GET", "missing"), Is.EqualTo("$-1\r\n"));
    }

    [Test]
    public void Requires_AUTH_when_a_password_is_set()
    {
        using var redis = new RedisHarness(new RedisSettings { Access = new ServerAccess("secret") });
        var client = redis.Connect();

        Assert.That(client.Send("GET", "k"), Is.EqualTo("-NOAUTH Authentication required.\r\n"));
        Assert.That(client.Send("AUTH", "wrong"), Is.EqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n"));
        // Newer Redis's words, which clients quote; the redis-server 7.0.15 installed here says "the HELLO AUTH <user> <pass> option".
        Assert.That(client.Send("HELLO", "3"), Is.EqualTo(
            "-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time\r\n"));
        Assert.That(client.Send("AUTH", "default", "secret"), Is.EqualTo("+OK\r\n"));
        Assert.That(client.Send("GET", "k"), Is.EqualTo("$-1\r\n"));
        Assert.That(redis.Connect().Send("HELLO", "2", "AUTH", "default", "secret"), Is.EqualTo(
            "*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n7.2.4\r\n$5\r\nproto\r\n:2\r\n$2\r\nid\r\n:2\r\n"
            + "$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n"));
    }

    [Test]
    public void Refuses_AUTH_without_a_configured_password()
    {
        using var redis = new RedisHarness();

        Assert.That(redis.Connect().Send("AUTH", "x"), Is.EqualTo(
            "-ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?\r\n"));
    }

    [Test]
    public void Names_and_lists_clients()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        Assert.That(client.Send("CLIENT", "SETNAME", "a b"), Is.EqualTo("-ERR Client names cannot contain spaces, newlines or special characters.\r\n"));
        Assert.That(client.Send("CLIENT", "SETNAME", "worker"), Is.EqualTo("+OK\r\n"));
        Assert.That(client.Send("CLIENT", "SETINFO", "LIB-NAME", "specs"), Is.EqualTo("+OK\r\n"));
        Assert.That(client.Send("CLIENT", "ID"), Is.EqualTo(":1\r\n"));
        Assert.That(client.Send("CLIENT", "LIST"), Does.Contain("id=1 ").And.Contain(" name=worker ").And.Contain("lib-name=specs"));
        Assert.That(client.Send("CLIENT", "INFO"), Does.Contain("cmd=client|info"));
    }

    [Test]
    public void Reports_server_facts_through_INFO_CONFIG_and_COMMAND()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("SET", "k", "v");

        Assert.That(client.Send("INFO"), Does.Contain("redis_version:7.2.4\r\n").And.Contain("reactivecache_version:")
            .And.Contain("used_memory:").And.Contain("role:master\r\n").And.Contain("db0:keys=1,expires=0"));
        Assert.That(client.Send("INFO", "commandstats"), Does.Contain("cmdstat_set:calls=1,"));
        Assert.That(client.Send("CONFIG", "GET", "databases"), Is.EqualTo("*2\r\n$9\r\ndatabases\r\n$2\r\n16\r\n"));
        Assert.That(client.Send("CONFIG", "SET", "port", "1"), Is.EqualTo("-ERR CONFIG SET failed (possibly related to argument 'port') - can't set immutable config\r\n"));
        Assert.That(client.Send("CONFIG", "SET", "nope", "1"), Is.EqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'nope'\r\n"));
        Assert.That(client.Send("COMMAND", "COUNT"), Does.Match(@"^:\d+\r\n$"));
        Assert.That(client.Send("COMMAND", "INFO", "get"), Does.StartWith("*1\r\n*10\r\n$3\r\nget\r\n:2\r\n"));
        Assert.That(client.Send("TIME"), Is.EqualTo("*2\r\n$10\r\n1700000000\r\n$1\r\n0\r\n"));
        Assert.That(client.Send("SHUTDOWN", "NOSAVE"), Is.EqualTo("+OK\r\n"));
        Assert.That(redis.ShutdownRequested, Is.True);
    }
}
