using System.Net;
using NUnit.Framework;
using ReactiveCache.Commands;

namespace ReactiveCache.Specs.Commands;

public sealed class ServerAccessSpecs
{
    private static readonly IPEndPoint s_remoteHost = new(IPAddress.Parse("10.1.2.3"), 50000);

    [Test]
    public void Protected_mode_refuses_a_peer_from_another_host_while_no_password_is_set()
    {
        var access = new ServerAccess();

        Assert.That(access.Refuses(s_remoteHost), Is.True);
        Assert.That(access.Refuses(new IPEndPoint(IPAddress.Parse("2001:db8::1"), 50000)), Is.True);
        Assert.That(access.Refuses(new IPEndPoint(IPAddress.Parse("::ffff:10.1.2.3"), 50000)), Is.True);
    }

    [TestCase("127.0.0.1")]
    [TestCase("127.8.9.10")]
    [TestCase("::1")]
    [TestCase("::ffff:127.0.0.1")]
    public void Protected_mode_serves_loopback_peers(string address)
    {
        var access = new ServerAccess();

        Assert.That(access.Refuses(new IPEndPoint(IPAddress.Parse(address), 50000)), Is.False);
    }

    [Test]
    public void A_password_or_protected_mode_off_lets_other_hosts_in_and_the_change_is_live()
    {
        var access = new ServerAccess();

        access.RequirePass = "secret";
        var withPassword = access.Refuses(s_remoteHost);
        access.RequirePass = "";
        access.ProtectedMode = false;
        var unprotected = access.Refuses(s_remoteHost);
        access.ProtectedMode = true;

        Assert.That(withPassword, Is.False);
        Assert.That(unprotected, Is.False);
        Assert.That(access.Refuses(s_remoteHost), Is.True);
    }

    [Test]
    public void An_empty_password_means_none_and_only_the_exact_bytes_match()
    {
        var none = new ServerAccess("");
        var access = new ServerAccess("sécret");

        Assert.That(none.RequiresPassword, Is.False);
        Assert.That(none.IsPassword(""u8), Is.False);
        Assert.That(access.IsPassword("sécret"u8), Is.True);
        Assert.That(access.IsPassword("sécre"u8), Is.False);
        Assert.That(access.IsPassword("sécret\0"u8), Is.False);
        Assert.That(access.RequirePass, Is.EqualTo("sécret"));
    }
}
