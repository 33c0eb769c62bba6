using System.Buffers;
using System.Text;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Protocols.Memcached;

namespace ReactiveCache.Specs.Protocols.Memcached;

public sealed class MemcachedEncoderSpecs : ReactiveTest
{
    [Test]
    public void Writes_a_hit_as_a_VALUE_line_its_data_and_END()
    {
        var item = new MemcachedItem("k"u8.ToArray(), "hello"u8.ToArray(), 42, 7);

        Assert.That(Encode(new MemcachedReply.Value(item, WithCas: false)), Is.EqualTo("VALUE k 42 5\r\nhello\r\nEND\r\n"));
        Assert.That(Encode(new MemcachedReply.Value(item, WithCas: true)), Is.EqualTo("VALUE k 42 5 7\r\nhello\r\nEND\r\n"));
    }

    [Test]
    public void Writes_several_hits_then_one_END()
    {
        var items = new[] { new MemcachedItem("a"u8.ToArray(), "1"u8.ToArray(), 0, 1), new MemcachedItem("b"u8.ToArray(), ""u8.ToArray(), 0, 2) };

        Assert.That(Encode(new MemcachedReply.Values(items, WithCas: false)), Is.EqualTo("VALUE a 0 1\r\n1\r\nVALUE b 0 0\r\n\r\nEND\r\n"));
        Assert.That(Encode(new MemcachedReply.Values([], WithCas: false)), Is.EqualTo("END\r\n"));
    }

    [Test]
    public void Writes_the_largest_counter_and_fixed_lines()
    {
        Assert.That(Encode(new MemcachedReply.Number(ulong.MaxValue)), Is.EqualTo("18446744073709551615\r\n"));
        Assert.That(Encode(MemcachedReply.Stored), Is.EqualTo("STORED\r\n"));
        Assert.That(Encode(new MemcachedReply.Line(MemcachedErrors.BadDataChunk)), Is.EqualTo("CLIENT_ERROR bad data chunk\r\n"));
    }

    [Test]
    public void Writes_nothing_for_noreply_and_quit()
    {
        Assert.That(Encode(MemcachedReply.Silent), Is.Empty);
        Assert.That(Encode(MemcachedReply.Close), Is.Empty);
    }

    [Test]
    public void Writes_meta_replies_with_their_flags_and_data()
    {
        Assert.That(Encode(new MemcachedReply.Meta("VA", "f5 c9", "hi"u8.ToArray())), Is.EqualTo("VA 2 f5 c9\r\nhi\r\n"));
        Assert.That(Encode(new MemcachedReply.Meta("HD", "", null)), Is.EqualTo("HD\r\n"));
        Assert.That(Encode(new MemcachedReply.Meta("EN", "", null)), Is.EqualTo("EN\r\n"));
    }

    [Test]
    public void Writes_stats_as_STAT_lines_then_END()
    {
        var stats = new MemcachedReply.StatList([new("pid", "1"), new("uptime", "2")]);

        Assert.That(Encode(stats), Is.EqualTo("STAT pid 1\r\nSTAT uptime 2\r\nEND\r\n"));
    }

    private static string Encode(MemcachedReply reply)
    {
        var output = new ArrayBufferWriter<byte>();
        MemcachedEncoder.Encode(reply, output);
        return Encoding.ASCII.GetString(output.WrittenSpan);
    }
}
