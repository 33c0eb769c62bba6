namespace ReactiveCache.Hosting;

/// <summary>Whether TLS clients must present a certificate (Redis's <c>tls-auth-clients</c>).</summary>
public enum TlsClientAuthentication
{
    /// <summary>Redis's <c>yes</c>, its default: a client without a certificate signed by the CA is refused.</summary>
    Required,

    /// <summary>Redis's <c>optional</c>: a client may present none, but one it presents must be signed by the CA.</summary>
    Optional,

    /// <summary>Redis's <c>no</c>: no certificate is asked for; anyone who can reach the port completes the handshake.</summary>
    None,
}
