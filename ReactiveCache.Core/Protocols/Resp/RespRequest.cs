namespace ReactiveCache.Protocols.Resp;

/// <summary>
/// One Redis request as the framer cut it: the command name and its arguments, each copied once out of
/// the receive buffer, so a request may be kept after its <c>OnNext</c>. Multibulk (<c>*2\r\n$3\r\nGET...</c>) and inline (<c>GET k\r\n</c>) requests look the same here.
/// </summary>
internal sealed class RespRequest(byte[][] arguments)
{
    /// <summary>An inline line with nothing on it: Redis ignores it and sends no reply.</summary>
    public static readonly RespRequest Empty = new([]);

    public byte[][] Arguments { get; } = arguments;

    public int Count => Arguments.Length;

    public byte[] this[int index] => Arguments[index];
}
