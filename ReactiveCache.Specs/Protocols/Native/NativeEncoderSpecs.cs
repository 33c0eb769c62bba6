using System.Buffers;
using System.Text;
using NUnit.Framework;
using ReactiveCache.Commands;
using ReactiveCache.Protocols.Native;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Protocols.Native;

public sealed class NativeEncoderSpecs
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.UnixEpoch;

    [Test]
    public void Writes_each_reply_as_documented()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Encode(Reply.Ok), Is.EqualTo("OK\r\n"));
            Assert.That(Encode(Reply.NotFound), Is.EqualTo("NOT_FOUND\r\n"));
            Assert.That(Encode(Reply.Deleted), Is.EqualTo("DELETED\r\n"));
            Assert.That(Encode(Reply.Pong), Is.EqualTo("PONG\r\n"));
            Assert.That(Encode(Reply.Bye), Is.EqualTo("BYE\r\n"));
            Assert.That(Encode(new Reply.Value(Text.Bytes("hello world"))), Is.EqualTo("VALUE hello world\r\n"));
            Assert.That(Encode(new Reply.Ttl(-1)), Is.EqualTo("TTL -1\r\n"));
            Assert.That(Encode(new Reply.Ttl(42)), Is.EqualTo("TTL 42\r\n"));
            Assert.That(Encode(new Reply.KeyList([Text.Bytes("a"), Text.Bytes("b")])), Is.EqualTo("KEY a\r\nKEY b\r\nEND\r\n"));
            Assert.That(Encode(new Reply.KeyList([])), Is.EqualTo("END\r\n"));
            Assert.That(Encode(new Reply.StatList([new("keys", "3")])), Is.EqualTo("STAT keys 3\r\nEND\r\n"));
            Assert.That(Encode(new Reply.Watching(Text.Bytes("user:*"), 17)), Is.EqualTo("WATCHING user:* 17\r\n"));
            Assert.That(Encode(new Reply.Gap(3, 9)), Is.EqualTo("GAP 3 9\r\n"));
            Assert.That(Encode(new Reply.Error("not a number")), Is.EqualTo("ERR not a number\r\n"));
        });
    }

    [TestCase(ChangeKind.Added, ChangeReason.Set, "CHANGE 7 set k v\r\n")]
    [TestCase(ChangeKind.Updated, ChangeReason.Set, "CHANGE 7 set k v\r\n")]
    [TestCase(ChangeKind.Updated, ChangeReason.Expire, "CHANGE 7 expire k v\r\n")]
    [TestCase(ChangeKind.Updated, ChangeReason.Persist, "CHANGE 7 persist k v\r\n")]
    [TestCase(ChangeKind.Removed, ChangeReason.Delete, "CHANGE 7 del k\r\n")]
    [TestCase(ChangeKind.Removed, ChangeReason.Flush, "CHANGE 7 flushed k\r\n")]
    [TestCase(ChangeKind.Expired, ChangeReason.Expired, "CHANGE 7 expired k\r\n")]
    [TestCase(ChangeKind.Evicted, ChangeReason.Evict, "CHANGE 7 evicted k\r\n")]
    public void Writes_a_change_with_its_kind_word(ChangeKind kind, ChangeReason reason, string expected)
    {
        var keeps = kind is ChangeKind.Added or ChangeKind.Updated;
        var change = new CacheChange(7, kind, reason, Text.Bytes("k"), keeps ? Text.Bytes("v") : null, null, null, s_now);

        Assert.That(Encode(new Reply.Changed(change)), Is.EqualTo(expected));
    }

    [Test]
    public void Escapes_line_breaks_in_values_written_through_binary_safe_protocols()
    {
        Assert.That(Encode(new Reply.Value(Text.Bytes("two\r\nlines"))), Is.EqualTo("VALUE two\\r\\nlines\r\n"));
    }

    private static string Encode(Reply reply)
    {
        var output = new ArrayBufferWriter<byte>();
        NativeEncoder.Encode(reply, output);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
