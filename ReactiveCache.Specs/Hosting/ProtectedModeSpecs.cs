using System.Buffers;
using System.Text;
using NUnit.Framework;
using ReactiveCache.Protocols.Memcached;
using ReactiveCache.Protocols.Native;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Specs.Hosting;

/// <summary>What a peer refused by protected mode reads on each port before the connection closes.</summary>
public sealed class ProtectedModeSpecs
{
    [Test]
    public void RESP_refuses_with_Redis_7_0_DENIED_text_word_for_word()
    {
        var text = Encode(output => new RespProtocol(RespLimits.Default).Encode(new RespProtocol(RespLimits.Default).DeniedReply, output));

        Assert.That(text, Does.StartWith("-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface."));
        Assert.That(text, Does.EndWith("NOTE: You only need to do one of the above things in order for the server to start accepting connections from the outside.\r\n"));
        Assert.That(text.Count(c => c == '\n'), Is.EqualTo(1));
    }

    [Test]
    public void Native_and_memcached_refuse_with_one_error_line_of_their_own()
    {
        var native = new NativeProtocol(1024);
        var memcached = new MemcachedProtocol(1024, 1024);

        var nativeText = Encode(output => native.Encode(native.DeniedReply, output));
        var memcachedText = Encode(output => memcached.Encode(memcached.DeniedReply, output));

        Assert.That(nativeText, Does.StartWith("ERR DENIED ReactiveCache is running in protected mode").And.EndWith(".\r\n"));
        Assert.That(memcachedText, Does.StartWith("SERVER_ERROR DENIED ReactiveCache is running in protected mode").And.EndWith(".\r\n"));
        Assert.That(nativeText.Count(c => c == '\n') + memcachedText.Count(c => c == '\n'), Is.EqualTo(2));
    }

    private static string Encode(Action<IBufferWriter<byte>> encode)
    {
        var output = new ArrayBufferWriter<byte>();
        encode(output);
        return Encoding.ASCII.GetString(output.WrittenSpan);
    }
}
