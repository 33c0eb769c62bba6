using System.Security.Authentication;
using NUnit.Framework;
using ReactiveCache.Hosting;

namespace ReactiveCache.Specs.Hosting;

/// <summary>The console's tls-* options, parsed into <see cref="TlsOptions"/> (docs/tls.md).</summary>
public sealed class TlsCommandLineSpecs
{
    [Test]
    public void Reads_every_tls_option_with_redis_names_and_port_0_meaning_off()
    {
        var parsed = new ServerCommandLine().TryParse(
        [
            "--tls-port", "6380", "--tls-native-port", "0", "--tls-memcached-port", "11212",
            "--tls-cert-file", "server.pem", "--tls-key-file", "server.key", "--tls-key-file-pass", "pw",
            "--tls-ca-cert-file", "ca.pem", "--tls-auth-clients", "optional", "--tls-protocols", "TLSv1.3",
            "--tls-handshake-timeout", "3",
        ], out var options, out _, out _);

        Assert.That(parsed, Is.True);
        Assert.That(options.Tls, Is.EqualTo(new TlsOptions
        {
            RespPort = 6380,
            Port = null,
            MemcachedPort = 11212,
            CertificateFile = "server.pem",
            KeyFile = "server.key",
            KeyFilePassword = "pw",
            CaCertificateFile = "ca.pem",
            AuthClients = TlsClientAuthentication.Optional,
            Protocols = SslProtocols.Tls13,
            HandshakeTimeout = TimeSpan.FromSeconds(3),
        }));
    }

    [Test]
    public void Defaults_to_no_TLS_and_when_on_to_redis_defaults_clients_must_present_a_certificate_over_TLS_1_2_or_1_3()
    {
        new ServerCommandLine().TryParse([], out var off, out _, out _);
        new ServerCommandLine().TryParse(["--tls-port", "6380"], out var on, out _, out _);

        Assert.That(off.Tls, Is.Null);
        Assert.That(on.Tls!.RespPort, Is.EqualTo(6380));
        Assert.That(on.Tls.AuthClients, Is.EqualTo(TlsClientAuthentication.Required));
        Assert.That(on.Tls.Protocols, Is.EqualTo(SslProtocols.Tls12 | SslProtocols.Tls13));
        Assert.That(on.Tls.HandshakeTimeout, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [TestCase("--tls-auth-clients", "maybe")]
    [TestCase("--tls-protocols", "TLSv1.1")]
    [TestCase("--tls-protocols", "TLSv1.2 SSLv3")]
    [TestCase("--tls-protocols", "")]
    [TestCase("--tls-port", "65536")]
    [TestCase("--tls-handshake-timeout", "0")]
    public void Refuses_a_bad_value_as_a_usage_error(string option, string value)
    {
        var parsed = new ServerCommandLine().TryParse([option, value], out _, out _, out var exitCode, TextWriter.Null);

        Assert.That(parsed, Is.False);
        Assert.That(exitCode, Is.EqualTo(2));
    }
}
