using NUnit.Framework;
using ReactiveCache.Commands;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Native;

/// <summary>The native port with a server password: AUTH first, as Redis asks.</summary>
public sealed class NativeAuthenticationSpecs
{
    [Test]
    public void Refuses_every_command_but_AUTH_HELP_and_QUIT_until_the_password_is_given()
    {
        using var native = new NativeHarness(access: new ServerAccess("secret"));
        native.Store.Set("k", "v");

        var before = native.Send("GET k", "PUT k x", "PING", "WATCH *", "KEYS", "STATS");
        var help = native.Send("HELP");
        var auth = native.Send("AUTH wrong", "AUTH secret", "GET k");

        Assert.That(before, Is.EqualTo(string.Concat(Enumerable.Repeat("ERR NOAUTH Authentication required.\r\n", 6))));
        Assert.That(help, Does.Contain("AUTH <password>").And.EndWith("END\r\n"));
        Assert.That(auth, Is.EqualTo("ERR WRONGPASS invalid password\r\nOK\r\nVALUE v\r\n"));
        Assert.That(native.Store.Get("k"), Is.EqualTo("v"));
    }

    [Test]
    public async Task QUIT_works_before_AUTH()
    {
        using var native = new NativeHarness(access: new ServerAccess("secret"));

        native.Client.Send("QUIT\r\n");

        Assert.That(await native.ReceivedUntilClosedAsync(), Is.EqualTo("BYE\r\n"));
    }

    [Test]
    public void The_password_is_the_rest_of_the_line_spaces_included()
    {
        using var native = new NativeHarness(access: new ServerAccess("two words "));

        var replies = native.Send("AUTH two words", "AUTH two words ", "PING");

        Assert.That(replies, Is.EqualTo("ERR WRONGPASS invalid password\r\nOK\r\nPONG\r\n"));
    }

    [Test]
    public void Unknown_commands_and_bad_arity_are_answered_as_such_before_AUTH_as_Redis_orders_its_checks()
    {
        using var native = new NativeHarness(access: new ServerAccess("secret"));

        var replies = native.Send("FLY", "AUTH", "GET");

        Assert.That(replies, Is.EqualTo("ERR unknown command 'FLY'\r\nERR wrong number of arguments for 'AUTH'\r\nERR wrong number of arguments for 'GET'\r\n"));
    }

    [Test]
    public void AUTH_without_a_password_configured_is_an_error_and_everything_runs()
    {
        using var native = new NativeHarness();

        Assert.That(native.Send("AUTH x", "PING"), Is.EqualTo("ERR AUTH called without any password configured. Are you sure your configuration is correct?\r\nPONG\r\n"));
    }

    [Test]
    public void A_password_set_while_connected_binds_only_clients_that_connect_after_it_as_in_Redis()
    {
        using var native = new NativeHarness(access: new ServerAccess());
        native.Send("PING");

        native.Access.RequirePass = "later";

        Assert.That(native.Send("PING"), Is.EqualTo("PONG\r\n"));
    }

    [Test]
    public void A_password_removed_while_waiting_for_AUTH_lets_the_client_in()
    {
        using var native = new NativeHarness(access: new ServerAccess("secret"));
        var before = native.Send("PING");

        native.Access.RequirePass = null;

        Assert.That(before, Is.EqualTo("ERR NOAUTH Authentication required.\r\n"));
        Assert.That(native.Send("PING"), Is.EqualTo("PONG\r\n"));
    }
}
