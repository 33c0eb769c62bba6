using System.Buffers;
using System.Text;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Specs.Support;

/// <summary>Turns RESP values into text so specs compare them by value.</summary>
internal static class RespText
{
    /// <summary>A request's arguments joined with '|': <c>SET|k|v</c>.</summary>
    public static string Describe(RespRequest request) => string.Join("|", request.Arguments.Select(Encoding.Latin1.GetString));

    /// <summary>A reply exactly as it goes on the wire.</summary>
    public static string Encode(RedisReply reply, int protocol = 2)
    {
        var output = new ArrayBufferWriter<byte>();
        RespEncoder.Encode(reply, protocol, output);
        return Encoding.Latin1.GetString(output.WrittenSpan);
    }
}
