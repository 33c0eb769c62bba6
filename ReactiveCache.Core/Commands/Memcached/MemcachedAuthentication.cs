using ReactiveCache.Protocols.Memcached;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// memcached's text-protocol authentication (protocol.txt, "Authentication"; <c>memcached -Y</c>): until a
/// client authenticates, every request gets <c>CLIENT_ERROR unauthenticated</c>, <c>quit</c> and meta commands
/// included, except a <c>set</c> whose data is <c>&lt;username&gt; &lt;password&gt;</c>. Its key, flags, exptime
/// and <c>noreply</c> are ignored and nothing is stored. The only user is <c>default</c> (Redis's default user),
/// and the password is the server's one password.
/// </summary>
internal static class MemcachedAuthentication
{
    private static readonly MemcachedReply s_unauthenticated = new MemcachedReply.Line(MemcachedErrors.Unauthenticated);
    private static readonly MemcachedReply s_failure = new MemcachedReply.Line(MemcachedErrors.AuthenticationFailure);
    private static readonly MemcachedReply s_badToken = new MemcachedReply.Line(MemcachedErrors.BadAuthenticationToken);

    /// <summary>The answer to a request from a client that has not authenticated; <paramref name="authenticated"/> says whether it now has.</summary>
    public static MemcachedReply Answer(MemcachedCommand command, ServerAccess access, MemcachedStatistics statistics, out bool authenticated)
    {
        authenticated = false;
        if (command is not MemcachedCommand.Store { Mode: StoreMode.Set } set)
        {
            return s_unauthenticated;
        }

        statistics.Add(MemcachedStatistics.Counter.AuthCommands);
        if (!TrySplit(set.Value, out var user, out var password))
        {
            statistics.Add(MemcachedStatistics.Counter.AuthErrors);
            return s_badToken;
        }

        authenticated = user.SequenceEqual("default"u8) && access.IsPassword(password);
        if (!authenticated)
        {
            statistics.Add(MemcachedStatistics.Counter.AuthErrors);
        }

        return authenticated ? MemcachedReply.Stored : s_failure;
    }

    // memcached tokenizes "user pass" on spaces and takes the first two tokens. Here the password is the rest
    // after the separating spaces (trailing spaces dropped), so a password with spaces in it still works.
    private static bool TrySplit(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> user, out ReadOnlySpan<byte> password)
    {
        var trimmed = data.Trim((byte)' ');
        var space = trimmed.IndexOf((byte)' ');
        user = space < 0 ? default : trimmed[..space];
        password = space < 0 ? default : trimmed[space..].TrimStart((byte)' ');
        return space > 0 && !password.IsEmpty;
    }
}
