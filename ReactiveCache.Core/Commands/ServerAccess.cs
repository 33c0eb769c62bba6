using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ReactiveCache.Commands;

/// <summary>
/// Who may use the server, read live by every port's sessions: the default user's password (Redis's
/// <c>requirepass</c>, native <c>AUTH</c>, memcached's text authentication) and Redis's protected mode.
/// <c>CONFIG SET requirepass</c> and <c>CONFIG SET protected-mode</c> change this one object, so a change
/// holds for every protocol at once; connections already authenticated stay so, as in Redis.
/// </summary>
internal sealed class ServerAccess(string? requirePass = null, bool protectedMode = true)
{
    private volatile byte[]? _password = Encode(requirePass);
    private volatile bool _protectedMode = protectedMode;

    /// <summary>The password, or null when clients need not authenticate (an empty one means none, as in Redis).</summary>
    public string? RequirePass
    {
        get => _password is { } password ? Encoding.UTF8.GetString(password) : null;
        set => _password = Encode(value);
    }

    public bool RequiresPassword => _password is not null;

    /// <summary>Refuse clients from other hosts while no password is set (Redis's <c>protected-mode</c>).</summary>
    public bool ProtectedMode
    {
        get => _protectedMode;
        set => _protectedMode = value;
    }

    /// <summary>
    /// True when a password is required and this is it. Compared as SHA-256 digests in constant time, as Redis
    /// compares hashes, so the time taken says nothing about the password's length either.
    /// </summary>
    public bool IsPassword(ReadOnlySpan<byte> candidate) =>
        _password is { } password && CryptographicOperations.FixedTimeEquals(SHA256.HashData(password), SHA256.HashData(candidate));

    /// <summary>
    /// Protected mode's test at accept (clientAcceptHandler in Redis 7.0's networking.c): with no password,
    /// only loopback peers are served. Redis 7 checks the peer, not the bind address; so does this.
    /// </summary>
    public bool Refuses(EndPoint? remote) => _protectedMode && _password is null && !IsLoopback(remote);

    private static bool IsLoopback(EndPoint? remote) => remote switch
    {
        IPEndPoint { Address: var address } => IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address),
        null => true,   // an in-memory connection (specs, embedding) has no remote host
        _ => remote.AddressFamily == System.Net.Sockets.AddressFamily.Unix,
    };

    private static byte[]? Encode(string? password) => string.IsNullOrEmpty(password) ? null : Encoding.UTF8.GetBytes(password);
}
