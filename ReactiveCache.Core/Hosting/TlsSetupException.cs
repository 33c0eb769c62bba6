namespace ReactiveCache.Hosting;

/// <summary>
/// TLS could not be set up from <see cref="TlsOptions"/> (no certificate, a file that cannot be read, a wrong key
/// password, no CA to check clients with); thrown by <see cref="CacheServer.Start"/> before anything listens.
/// </summary>
public sealed class TlsSetupException(string message, Exception? inner = null) : Exception(message, inner);
