namespace ReactiveCache.Framing;

/// <summary>
/// The byte stream cannot be framed any further (a line over the limit, a malformed length). The
/// session writes one last error in the protocol's own words and closes the connection.
/// </summary>
public sealed class ProtocolException(string message) : Exception(message);
