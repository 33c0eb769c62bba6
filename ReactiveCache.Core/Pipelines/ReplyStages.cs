using ReactiveCache.Networking;
using ReactiveCache.Protocols;

namespace ReactiveCache.Pipelines;

/// <summary>The end of every connection's pipeline: replies to bytes on the connection.</summary>
internal static class ReplyStages
{
    /// <summary>
    /// Encodes a reply into the connection's output (flushed by its read loop once per batch); a reply
    /// that ends the session (QUIT) stops reading after it.
    /// </summary>
    public static void Send<TFrame, TCommand, TReply>(
        this Connection connection, ICacheProtocol<TFrame, TCommand, TReply> protocol, TReply reply)
    {
        protocol.Encode(reply, connection.Output);
        if (protocol.EndsSession(reply))
        {
            connection.CloseAfterReply();
        }
    }

    /// <summary>Encodes a pushed message on its own, to be queued behind the current replies.</summary>
    public static void Push<TFrame, TCommand, TReply>(
        this Connection connection, ICacheProtocol<TFrame, TCommand, TReply> protocol, TReply message)
    {
        // The queue keeps the encoded bytes as they are: one buffer per message, no second copy.
        var encoded = new System.Buffers.ArrayBufferWriter<byte>(128);
        protocol.Encode(message, encoded);
        connection.Push(encoded.WrittenMemory);
        if (protocol.EndsSession(message))
        {
            // Another client asked for this one to go (Redis CLIENT KILL): close it after what was queued.
            connection.RequestClose();
        }
    }
}
