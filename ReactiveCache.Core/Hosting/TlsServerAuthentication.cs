using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace ReactiveCache.Hosting;

/// <summary>
/// Turns <see cref="TlsOptions"/> into what every TLS handshake uses: the certificate context (built once, with
/// its chain, not per connection), the TLS versions and the check of client certificates against the CAs.
/// </summary>
internal static class TlsServerAuthentication
{
    // The client authentication purpose; OpenSSL checks it too when Redis verifies a client (no EKU at all passes).
    private static readonly Oid s_clientAuthentication = new("1.3.6.1.5.5.7.3.2");

    public static SslServerAuthenticationOptions Create(TlsOptions tls, ILogger logger)
    {
        var (certificate, chain) = ServerCertificate(tls);
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, chain, offline: true),
            EnabledSslProtocols = tls.Protocols,
            // A client that renegotiates makes the server do a handshake's work again at will.
            AllowRenegotiation = false,
            ClientCertificateRequired = tls.AuthClients != TlsClientAuthentication.None,
        };
        if (tls.AuthClients == TlsClientAuthentication.None)
        {
            return options;
        }

        var authorities = CaCertificates(tls);
        options.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            // A client's certificate naming an issuer URL must not make a handshake fetch it (a synchronous download on
            // a pool thread that the handshake deadline cannot stop): only the configured CAs count anyway.
            DisableCertificateDownloads = true,
            ApplicationPolicy = { s_clientAuthentication },
        };
        options.CertificateChainPolicy.CustomTrustStore.AddRange(authorities);
        var optional = tls.AuthClients == TlsClientAuthentication.Optional;
        options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            errors == SslPolicyErrors.None
            || (optional && errors == SslPolicyErrors.RemoteCertificateNotAvailable)
            || Refused(certificate, errors, logger);
        return options;
    }

    // The handshake's own error says only that the callback refused; the operator wants to know why.
    private static bool Refused(X509Certificate? certificate, SslPolicyErrors errors, ILogger logger)
    {
        logger.LogDebug("TLS client certificate refused ({Subject}): {Errors}",
            certificate?.Subject ?? "none presented",
            errors == SslPolicyErrors.RemoteCertificateNotAvailable ? "tls-auth-clients yes needs one" : errors);
        return false;
    }

    private static (X509Certificate2 Certificate, X509Certificate2Collection Chain) ServerCertificate(TlsOptions tls)
    {
        if (tls.Certificate is { } given)
        {
            return given.HasPrivateKey
                ? (given, [])
                : throw new TlsSetupException("the TLS certificate has no private key");
        }

        if (tls.CertificateFile is not { } certificateFile || tls.KeyFile is not { } keyFile)
        {
            throw new TlsSetupException("TLS needs a certificate and its key: tls-cert-file and tls-key-file");
        }

        try
        {
            var certificate = string.IsNullOrEmpty(tls.KeyFilePassword)
                ? X509Certificate2.CreateFromPemFile(certificateFile, keyFile)
                : X509Certificate2.CreateFromEncryptedPemFile(certificateFile, tls.KeyFilePassword, keyFile);
            var all = new X509Certificate2Collection();
            all.ImportFromPemFile(certificateFile);
            var chain = new X509Certificate2Collection(all.Skip(1).ToArray());
            return (certificate, chain);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new TlsSetupException($"tls-cert-file {certificateFile} / tls-key-file {keyFile}: {error.Message}", error);
        }
    }

    private static X509Certificate2Collection CaCertificates(TlsOptions tls)
    {
        if (tls.CaCertificates is { Count: > 0 } given)
        {
            return given;
        }

        if (tls.CaCertificateFile is not { } file)
        {
            throw new TlsSetupException(
                "checking TLS clients (tls-auth-clients yes or optional, the default yes) needs tls-ca-cert-file; or set tls-auth-clients no");
        }

        try
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(file);
            return authorities.Count > 0 ? authorities : throw new TlsSetupException($"tls-ca-cert-file {file}: no certificate in it");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new TlsSetupException($"tls-ca-cert-file {file}: {error.Message}", error);
        }
    }
}
