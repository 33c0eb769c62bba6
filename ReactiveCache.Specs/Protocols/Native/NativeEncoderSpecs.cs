using System.Buffers;
using System.Text;
using NUnit.Framework;
using ReactiveCache.Commands.Native;
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
    [TestCase(ChangeKind.Removed, ChangeReason.Delete, "CHANGE 7 del k\r\n")]
    [TestCase(ChangeKind.Expired, ChangeReason.Expired, "CHANGE 7 expired k\r\n")]
    [TestCase(ChangeKind.Evicted, ChangeReason.Evict, "CHANGE 7 evicted k\r\n")]
    public void Writes_a_change_with_its_kind_word(ChangeKind kind, ChangeReason reason, string expected)
    {
        var keeps = kind is ChangeKind.Added or ChangeKind.Updated;
        var change = new CacheChange(7, kind, reason, Text.Bytes("k"), keeps ? Text.Bytes("v") : null, null, null, s_now);

        Assert.That(Encode(NativeChangeLine.Of(change)), Is.EqualTo(expected));
    }

    [Test]
    public void Writes_a_flush_as_one_line_naming_the_watched_pattern()
    {
        var cleared = new CacheChange(7, ChangeKind.Cleared, ChangeReason.Flush, [], null, null, null, s_now) { Operations = ChangeOperations.DatabaseCleared };

        Assert.That(Encode(NativeChangeLine.Flushed(cleared, Text.Bytes("user:*"))), Is.EqualTo("CHANGE 7 flushed user:*\r\n"));
        Assert.That(NativeChangeLine.OperationWord(cleared), Is.EqualTo("flushed"));
    }

    [Test]
    public void Names_the_operation_and_carries_only_what_it_needs()
    {
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);
        var setWithExpiry = Change(ChangeOperations.ValueSet | ChangeOperations.ExpiryChanged, value: "v", expiresAt: expiresAt);
        var expiryOnly = Change(ChangeOperations.ExpiryChanged, expiresAt: expiresAt);
        var persist = Change(ChangeOperations.ExpiryChanged);
        var fieldsSet = Change(ChangeOperations.FieldsSet, fields: [Field("name", "Ada"), Field("city", "New York")]);
        var fieldsDeleted = Change(ChangeOperations.FieldsDeleted, fields: [Field("name", null)]);
        var lastFieldDeleted = Change(ChangeOperations.FieldsDeleted | ChangeOperations.KeyRemoved, kind: ChangeKind.Removed, fields: [Field("city", null)]);
        var marked = Change(ChangeOperations.MetadataChanged);
        var wholeHash = Change(ChangeOperations.ValueSet, fields: [Field("name", "Ada")]) with { Type = ValueKind.Hash };

        Assert.Multiple(() =>
        {
            Assert.That(Encode(NativeChangeLine.Of(setWithExpiry)), Is.EqualTo("CHANGE 7 setex k 1767225600000 v\r\n"));
            Assert.That(Encode(NativeChangeLine.Of(expiryOnly)), Is.EqualTo("CHANGE 7 expire k 1767225600000\r\n"));
            Assert.That(Encode(NativeChangeLine.Of(persist)), Is.EqualTo("CHANGE 7 persist k\r\n"));
            Assert.That(Encode(NativeChangeLine.Of(fieldsSet)), Is.EqualTo("CHANGE 7 hset k name Ada city New\\sYork\r\n"));
            Assert.That(Encode(NativeChangeLine.Of(fieldsDeleted)), Is.EqualTo("CHANGE 7 hdel k name\r\n"));
            Assert.That(Encode(NativeChangeLine.Of(lastFieldDeleted)), Is.EqualTo("CHANGE 7 hdel+del k city\r\n"));
            Assert.That(Encode(NativeChangeLine.Of(wholeHash)), Is.EqualTo("CHANGE 7 hash k name Ada\r\n"));
            Assert.That(Encode(NativeChangeLine.Of(marked)), Is.EqualTo("CHANGE 7 marked k\r\n"));
        });
    }

    [Test]
    public void Names_a_collection_edit_as_Redis_names_its_event_and_carries_the_elements()
    {
        var pushed = new CacheChange(7, ChangeKind.Updated, ChangeReason.ListPushLeft, Text.Bytes("k"), null, null, null, s_now)
        {
            Operations = ChangeOperations.ElementsEdited,
            Type = ValueKind.List,
            Elements = [new ElementChange(ElementEdit.Added, Text.Bytes("a b")), new ElementChange(ElementEdit.Added, Text.Bytes("c"))],
        };
        var lastPopped = pushed with
        {
            Kind = ChangeKind.Removed,
            Reason = ChangeReason.ListPopRight,
            Operations = ChangeOperations.ElementsEdited | ChangeOperations.KeyRemoved,
            Elements = [new ElementChange(ElementEdit.Removed, Text.Bytes("c"), -1)],
        };
        var scored = pushed with
        {
            Reason = ChangeReason.SortedSetAdd,
            Type = ValueKind.SortedSet,
            Elements = [new ElementChange(ElementEdit.Added, Text.Bytes("ada"), Score: 1.5)],
        };
        var wholeSet = pushed with { Reason = ChangeReason.SetUnionStore, Operations = ChangeOperations.ValueSet, Type = ValueKind.Set };

        Assert.Multiple(() =>
        {
            Assert.That(Encode(NativeChangeLine.Of(pushed)), Is.EqualTo("CHANGE 7 lpush k a\\sb c\r\n"));
            Assert.That(Encode(NativeChangeLine.Of(lastPopped)), Is.EqualTo("CHANGE 7 rpop+del k c\r\n"));
            Assert.That(Encode(NativeChangeLine.Of(scored)), Is.EqualTo("CHANGE 7 zadd k ada 1.5\r\n"));
            Assert.That(Encode(NativeChangeLine.Of(wholeSet)), Is.EqualTo("CHANGE 7 set-members k a\\sb c\r\n"));
        });
    }

    [Test]
    public void Escapes_backslashes_and_the_bytes_that_would_split_a_token()
    {
        var change = Change(ChangeOperations.FieldsSet, key: "a b", fields: [Field("", "c:\\temp\r\n")]);
        var value = Change(ChangeOperations.ValueSet, value: "c:\\temp has spaces");

        Assert.Multiple(() =>
        {
            Assert.That(Encode(NativeChangeLine.Of(change)), Is.EqualTo("CHANGE 7 hset a\\sb \\e c:\\\\temp\\r\\n\r\n"));
            Assert.That(Encode(NativeChangeLine.Of(value)), Is.EqualTo("CHANGE 7 set k c:\\\\temp has spaces\r\n"));
        });
    }

    private static CacheChange Change(
        ChangeOperations operations, ChangeKind kind = ChangeKind.Updated, string key = "k", string? value = null,
        DateTimeOffset? expiresAt = null, HashField[]? fields = null) =>
        new(7, kind, ChangeReason.Set, Text.Bytes(key), value is null ? null : Text.Bytes(value), null, expiresAt, s_now)
        {
            Operations = operations,
            Fields = fields,
        };

    private static HashField Field(string name, string? value) => new(Text.Bytes(name), value is null ? null : Text.Bytes(value));

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
