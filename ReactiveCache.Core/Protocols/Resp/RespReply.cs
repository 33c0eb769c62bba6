namespace ReactiveCache.Protocols.Resp;

/// <summary>
/// A reply on its way to the wire, with the protocol version (2 or 3) the connection spoke when it was
/// made and whether the connection closes after it (QUIT). A struct: it costs nothing per command.
/// </summary>
internal readonly record struct RespReply(RedisReply? Value, int Protocol, bool EndsSession = false);
