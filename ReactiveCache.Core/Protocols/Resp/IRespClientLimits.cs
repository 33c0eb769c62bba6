namespace ReactiveCache.Protocols.Resp;

/// <summary>
/// What the framer asks of the connection it frames for, before each request: the limits in force now (CONFIG SET
/// may change them) and whether the client still has to authenticate, which tightens them as Redis 7 does. The
/// Redis session answers for its own connection, so nothing here is shared between connections.
/// </summary>
internal interface IRespClientLimits
{
    RespLimits Limits { get; }

    /// <summary>True while a password is set and this client has not given it (Redis's <c>authRequired</c>).</summary>
    bool AuthRequired { get; }
}
