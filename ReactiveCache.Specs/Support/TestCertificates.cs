using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ReactiveCache.Specs.Support;

/// <summary>
/// A CA, a server certificate for 127.0.0.1 and localhost signed by it, a client certificate signed by it and a
/// stranger's self-signed client certificate, made with <see cref="CertificateRequest"/> (ECDSA P-256: quick to
/// make) and written to a temporary directory as PEM for the real clients (redis-cli, python's ssl) to read.
/// The server key is written twice: plain, and encrypted with <see cref="KeyPassword"/>.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public const string KeyPassword = "key-secret";

    private static readonly Lazy<TestCertificates> s_shared = new(Create);

    private TestCertificates(string directory, X509Certificate2 ca, X509Certificate2 server, X509Certificate2 client, X509Certificate2 stranger)
    {
        Directory = directory;
        Ca = ca;
        Server = server;
        Client = client;
        Stranger = stranger;
    }

    /// <summary>One set for the whole run: every spec trusts the same CA.</summary>
    public static TestCertificates Shared => s_shared.Value;

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public X509Certificate2 Stranger { get; }

    public string CaFile => File("ca.pem");

    public string ServerCertFile => File("server.pem");

    public string ServerKeyFile => File("server.key");

    public string ServerEncryptedKeyFile => File("server-encrypted.key");

    public string ClientCertFile => File("client.pem");

    public string ClientKeyFile => File("client.key");

    public string StrangerCertFile => File("stranger.pem");

    public string StrangerKeyFile => File("stranger.key");

    /// <summary>A client's check of the server's certificate: signed by this CA, whatever the machine trusts.</summary>
    public bool IsSignedByCa(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    /// <summary>Deletes the shared set's files, if a spec made them.</summary>
    public static void DeleteShared()
    {
        if (s_shared.IsValueCreated)
        {
            s_shared.Value.Dispose();
        }
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private string File(string name) => Path.Combine(Directory, name);

    private static TestCertificates Create()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("reactivecache-tls-").FullName;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=ReactiveCache spec CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        var sans = new SubjectAlternativeNameBuilder();
        sans.AddIpAddress(IPAddress.Loopback);
        sans.AddDnsName("localhost");
        var server = Signed(ca, "CN=localhost", "1.3.6.1.5.5.7.3.1", sans.Build(), out var serverKey);
        var client = Signed(ca, "CN=spec client", "1.3.6.1.5.5.7.3.2", null, out var clientKey);
        var stranger = SelfSigned("CN=stranger", out var strangerKey);

        Write(directory, "ca.pem", ca.ExportCertificatePem());
        Write(directory, "server.pem", server.ExportCertificatePem());
        Write(directory, "server.key", serverKey.ExportPkcs8PrivateKeyPem());
        Write(directory, "server-encrypted.key", serverKey.ExportEncryptedPkcs8PrivateKeyPem(
            KeyPassword, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));
        Write(directory, "client.pem", client.ExportCertificatePem());
        Write(directory, "client.key", clientKey.ExportPkcs8PrivateKeyPem());
        Write(directory, "stranger.pem", stranger.ExportCertificatePem());
        Write(directory, "stranger.key", strangerKey.ExportPkcs8PrivateKeyPem());
        return new TestCertificates(directory, ca, server, client, stranger);
    }

    private static X509Certificate2 Signed(X509Certificate2 ca, string subject, string usage, X509Extension? sans, out ECDsa key)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (sans is not null)
        {
            request.CertificateExtensions.Add(sans);
        }

        using var signed = request.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(16));
        return signed.CopyWithPrivateKey(key);
    }

    private static X509Certificate2 SelfSigned(string subject, out ECDsa key)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static void Write(string directory, string name, string pem) => System.IO.File.WriteAllText(Path.Combine(directory, name), pem);
}
