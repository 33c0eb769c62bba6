using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace ReactiveCache.Hosting;

/// <summary>
/// TLS listeners beside the plain ones, each serving the same protocol sessions over TLS (Redis's <c>tls-*</c>
/// settings). Ports follow <see cref="CacheServerOptions.Port"/>: <c>null</c>, the default, is off; 0 binds any
/// free port (read it back from <see cref="CacheServer.TlsRespEndPoint"/> and its siblings). On the command line
/// <c>--tls-port 0</c> is off, as with redis-server. Certificates are read once, at start: replacing the files
/// needs a restart.
/// </summary>
public sealed record TlsOptions
{
    /// <summary>The Redis protocol over TLS (Redis's <c>tls-port</c>).</summary>
    public int? RespPort { get; init; }

    /// <summary>The native line protocol over TLS.</summary>
    public int? Port { get; init; }

    /// <summary>The memcached protocol over TLS (memcached 1.6's <c>-Z</c>, on a port of its own here).</summary>
    public int? MemcachedPort { get; init; }

    /// <summary>The server's certificate with its private key; when null, read from <see cref="CertificateFile"/> and <see cref="KeyFile"/>.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>
    /// The server's certificate in PEM (Redis's <c>tls-cert-file</c>); certificates after the first in the file
    /// are sent as its chain (intermediate CAs).
    /// </summary>
    public string? CertificateFile { get; init; }

    /// <summary>The certificate's private key in PEM (Redis's <c>tls-key-file</c>).</summary>
    public string? KeyFile { get; init; }

    /// <summary>The password of an encrypted (PKCS#8) <see cref="KeyFile"/> (Redis's <c>tls-key-file-pass</c>).</summary>
    public string? KeyFilePassword { get; init; }

    /// <summary>The CAs client certificates must be signed by; when null, read from <see cref="CaCertificateFile"/>.</summary>
    public X509Certificate2Collection? CaCertificates { get; init; }

    /// <summary>The CAs client certificates must be signed by, in PEM (Redis's <c>tls-ca-cert-file</c>).</summary>
    public string? CaCertificateFile { get; init; }

    /// <summary>
    /// Whether clients must present a certificate signed by a CA above (Redis's <c>tls-auth-clients</c>). Required,
    /// the default as in Redis, refuses a client without one; checking clients needs the CAs.
    /// </summary>
    public TlsClientAuthentication AuthClients { get; init; } = TlsClientAuthentication.Required;

    /// <summary>The TLS versions offered (Redis's <c>tls-protocols</c>); TLS 1.2 and 1.3, as Redis's default.</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>
    /// How long a client may take to finish its handshake before it is dropped, so half a ClientHello cannot hold
    /// a socket (Redis has no such limit; its idle <c>timeout</c> does not cover the handshake).
    /// </summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>True when any TLS listener is on.</summary>
    public bool Listens => RespPort is not null || Port is not null || MemcachedPort is not null;
}
