using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using NUnit.Framework;
using ReactiveCache.Hosting;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Tls;

/// <summary>
/// Who gets through the TLS handshake (tls-auth-clients, tls-protocols), what happens to clients that never finish
/// one, and that TLS connections count toward max-clients; on the native TLS port, with certificates given as objects.
/// </summary>
[Category("Integration")]
public sealed class TlsHandshakeSpecs
{
    private static readonly TimeSpan s_closeWait = TimeSpan.FromSeconds(15);

    // A TLS record header announcing a 512-byte handshake message, and the first bytes of a ClientHello: then nothing.
    private static readonly byte[] s_halfClientHello = [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03];

    private readonly TestCertificates _certificates = TestCertificates.Shared;

    [Test]
    public async Task By_default_a_client_without_a_certificate_or_with_one_the_CA_did_not_sign_is_refused()
    {
        await using var server = Start(new TlsOptions());
        await using var signed = await TlsLineClient.ConnectAsync(server.TlsNativeEndPoint!, _certificates.Client);

        var withNone = await RefusedAsync(server.TlsNativeEndPoint!, certificate: null);
        var stranger = await RefusedAsync(server.TlsNativeEndPoint!, _certificates.Stranger);

        Assert.That(await signed.AskAsync("PING"), Is.EqualTo("PONG"));
        Assert.That(withNone, Is.True, "a client without a certificate was served");
        Assert.That(stranger, Is.True, "a client with a certificate the CA did not sign was served");
    }

    [Test]
    public async Task Optional_serves_a_client_without_a_certificate_but_still_refuses_a_strangers()
    {
        await using var server = Start(new TlsOptions { AuthClients = TlsClientAuthentication.Optional });
        await using var withNone = await TlsLineClient.ConnectAsync(server.TlsNativeEndPoint!);

        var stranger = await RefusedAsync(server.TlsNativeEndPoint!, _certificates.Stranger);

        Assert.That(await withNone.AskAsync("PING"), Is.EqualTo("PONG"));
        Assert.That(stranger, Is.True, "a client with a certificate the CA did not sign was served");
    }

    [Test]
    public async Task No_serves_clients_without_certificates_and_needs_no_CA()
    {
        await using var server = Start(new TlsOptions { AuthClients = TlsClientAuthentication.None, CaCertificates = null });
        await using var client = await TlsLineClient.ConnectAsync(server.TlsNativeEndPoint!);

        Assert.That(await client.AskAsync("PING"), Is.EqualTo("PONG"));
    }

    [Test]
    public async Task Negotiates_TLS_1_3_or_1_2_by_default_and_only_the_protocols_it_is_given()
    {
        await using var both = Start(new TlsOptions());
        await using var onlyTls13 = Start(new TlsOptions { Protocols = SslProtocols.Tls13 });
        await using var newest = await TlsLineClient.ConnectAsync(both.TlsNativeEndPoint!, _certificates.Client);
        await using var tls12 = await TlsLineClient.ConnectAsync(both.TlsNativeEndPoint!, _certificates.Client, SslProtocols.Tls12);

        var tls12Refused = await RefusedAsync(onlyTls13.TlsNativeEndPoint!, _certificates.Client, SslProtocols.Tls12);

        Assert.That(newest.Protocol, Is.EqualTo(SslProtocols.Tls13));
        Assert.That(tls12.Protocol, Is.EqualTo(SslProtocols.Tls12));
        Assert.That(await tls12.AskAsync("PING"), Is.EqualTo("PONG"));
        Assert.That(tls12Refused, Is.True, "a TLS 1.2 client was served by a TLS 1.3-only port");
    }

    [Test]
    public async Task A_client_that_sends_plain_text_to_a_TLS_port_is_dropped_at_once_not_at_the_handshake_deadline()
    {
        await using var server = Start(new TlsOptions { HandshakeTimeout = TimeSpan.FromMinutes(10) });
        using var garbage = await ConnectAsync(server.TlsNativeEndPoint!);

        await garbage.SendAsync(Encoding.ASCII.GetBytes("PUT k v\r\n"));

        Assert.That(await ClosedByServerAsync(garbage), Is.True);
        Assert.That(server.Store.Get("k"), Is.Null);
    }

    [Test]
    public async Task A_client_that_stops_halfway_through_its_ClientHello_is_dropped_at_the_handshake_deadline()
    {
        await using var server = Start(new TlsOptions { HandshakeTimeout = TimeSpan.FromSeconds(1) });
        using var half = await ConnectAsync(server.TlsNativeEndPoint!);

        await half.SendAsync(s_halfClientHello);

        Assert.That(await ClosedByServerAsync(half), Is.True);
    }

    [Test]
    public async Task Fifty_half_handshakes_stall_neither_a_plain_client_nor_a_new_TLS_client()
    {
        await using var server = Start(new TlsOptions { HandshakeTimeout = TimeSpan.FromMinutes(10) }, plainPort: true);
        var stalled = new List<Socket>();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                var socket = await ConnectAsync(server.TlsNativeEndPoint!);
                await socket.SendAsync(i % 2 == 0 ? s_halfClientHello : s_halfClientHello[..3]);
                stalled.Add(socket);
            }

            await using var plain = await LineClient.ConnectAsync(server.NativeEndPoint!);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var pong = await plain.AskAsync("PING");
            var plainTook = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            await using var tls = await TlsLineClient.ConnectAsync(server.TlsNativeEndPoint!, _certificates.Client);
            var tlsPong = await tls.AskAsync("PING");
            var tlsTook = System.Diagnostics.Stopwatch.GetElapsedTime(started) - plainTook;

            Assert.That(pong, Is.EqualTo("PONG"));
            Assert.That(tlsPong, Is.EqualTo("PONG"));
            TestContext.Out.WriteLine($"with 50 half handshakes: plain PING {plainTook.TotalMilliseconds:0.0} ms; TLS connect+PING {tlsTook.TotalMilliseconds:0.0} ms");
        }
        finally
        {
            stalled.ForEach(socket => socket.Dispose());
        }
    }

    [Test]
    public async Task TLS_connections_count_toward_max_clients_and_a_TLS_client_over_it_is_dropped_before_its_handshake()
    {
        await using var server = Start(new TlsOptions(), plainPort: true, maxClients: 2);
        await using var tls = await TlsLineClient.ConnectAsync(server.TlsNativeEndPoint!, _certificates.Client);
        await using var plain = await LineClient.ConnectAsync(server.NativeEndPoint!);
        Assert.That(await tls.AskAsync("PING"), Is.EqualTo("PONG"));
        Assert.That(await plain.AskAsync("PING"), Is.EqualTo("PONG"));

        await using var third = await LineClient.ConnectAsync(server.NativeEndPoint!);
        var refusedPlain = await third.ReadLineAsync();
        var refusedTls = await RefusedAsync(server.TlsNativeEndPoint!, _certificates.Client);

        Assert.That(refusedPlain, Is.EqualTo("ERR max number of clients reached"));
        Assert.That(refusedTls, Is.True, "a TLS client over max-clients was served");
        Assert.That(server.Statistics.ConnectionsRejected, Is.EqualTo(2));
    }

    [Test]
    public async Task Reads_a_key_file_encrypted_with_its_password()
    {
        await using var server = Start(new TlsOptions
        {
            Certificate = null,
            CertificateFile = _certificates.ServerCertFile,
            KeyFile = _certificates.ServerEncryptedKeyFile,
            KeyFilePassword = TestCertificates.KeyPassword,
        });
        await using var client = await TlsLineClient.ConnectAsync(server.TlsNativeEndPoint!, _certificates.Client);

        Assert.That(await client.AskAsync("PING"), Is.EqualTo("PONG"));
    }

    [Test]
    public void Refuses_to_start_without_a_certificate_with_a_wrong_key_password_or_without_a_CA_to_check_clients_by()
    {
        var noCertificate = new TlsOptions { Port = 0, CaCertificates = [_certificates.Ca] };
        var wrongPassword = noCertificate with
        {
            CertificateFile = _certificates.ServerCertFile, KeyFile = _certificates.ServerEncryptedKeyFile, KeyFilePassword = "wrong",
        };
        var noCa = new TlsOptions { Port = 0, Certificate = _certificates.Server };

        Assert.That(() => CacheServer.Start(Options(noCertificate)), Throws.TypeOf<TlsSetupException>().With.Message.Contains("tls-cert-file"));
        Assert.That(() => CacheServer.Start(Options(wrongPassword)), Throws.TypeOf<TlsSetupException>().With.Message.Contains(_certificates.ServerEncryptedKeyFile));
        Assert.That(() => CacheServer.Start(Options(noCa)), Throws.TypeOf<TlsSetupException>().With.Message.Contains("tls-ca-cert-file"));
    }

    private CacheServer Start(TlsOptions tls, bool plainPort = false, int maxClients = 10_000) =>
        CacheServer.Start(Options(tls with
        {
            Port = 0,
            Certificate = tls.Certificate ?? (tls.CertificateFile is null ? _certificates.Server : null),
            CaCertificates = tls.AuthClients == TlsClientAuthentication.None ? tls.CaCertificates : [_certificates.Ca],
        }) with { Port = plainPort ? 0 : null, MaxClients = maxClients });

    private static CacheServerOptions Options(TlsOptions tls) => new() { Port = null, MemcachedPort = null, RespPort = null, Tls = tls };

    // Refused at the handshake, or (TLS 1.3: the client finishes first) on the first read after it.
    private static async Task<bool> RefusedAsync(IPEndPoint endPoint, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate, SslProtocols protocols = SslProtocols.None)
    {
        TlsLineClient client;
        try
        {
            client = await TlsLineClient.ConnectAsync(endPoint, certificate, protocols);
        }
        catch (Exception error) when (error is AuthenticationException or IOException)
        {
            return true;
        }

        await using (client)
        {
            return await client.AskOrRefusedAsync("PING") is null;
        }
    }

    private static async Task<Socket> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint).WaitAsync(s_closeWait);
        return socket;
    }

    // True once the server has closed (or reset) the connection; a TimeoutException fails the spec.
    private static async Task<bool> ClosedByServerAsync(Socket socket)
    {
        var buffer = new byte[1024];
        try
        {
            while (await socket.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(s_closeWait) > 0)
            {
            }
        }
        catch (SocketException)
        {
        }

        return true;
    }
}
