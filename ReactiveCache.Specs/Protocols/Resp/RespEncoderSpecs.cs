using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Protocols.Resp;

public sealed class RespEncoderSpecs : ReactiveTest
{
    private static readonly RedisReply s_map = new RedisReply.Map([new(RedisReply.Of("proto"), RedisReply.Of(3))]);

    [Test]
    public void Spells_the_RESP2_types_as_Redis_does()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RespText.Encode(RedisReply.Ok), Is.EqualTo("+OK\r\n"));
            Assert.That(RespText.Encode(new RedisReply.Error("ERR syntax error")), Is.EqualTo("-ERR syntax error\r\n"));
            Assert.That(RespText.Encode(RedisReply.Of(-42)), Is.EqualTo(":-42\r\n"));
            Assert.That(RespText.Encode(RedisReply.Of("a\r\nb")), Is.EqualTo("$4\r\na\r\nb\r\n"));
            Assert.That(RespText.Encode(RedisReply.EmptyBulk), Is.EqualTo("$0\r\n\r\n"));
            Assert.That(RespText.Encode(RedisReply.NullBulk), Is.EqualTo("$-1\r\n"));
            Assert.That(RespText.Encode(RedisReply.NullArray), Is.EqualTo("*-1\r\n"));
            Assert.That(RespText.Encode(new RedisReply.Array([RedisReply.Of(1), RedisReply.NullBulk])), Is.EqualTo("*2\r\n:1\r\n$-1\r\n"));
        });
    }

    [Test]
    public void Spells_RESP3_only_types_for_a_RESP2_client_as_Redis_does()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RespText.Encode(s_map), Is.EqualTo("*2\r\n$5\r\nproto\r\n:3\r\n"));
            Assert.That(RespText.Encode(new RedisReply.Set([RedisReply.Of("a")])), Is.EqualTo("*1\r\n$1\r\na\r\n"));
            Assert.That(RespText.Encode(new RedisReply.Double(1.5)), Is.EqualTo("$3\r\n1.5\r\n"));
            Assert.That(RespText.Encode(new RedisReply.Push([RedisReply.Of("message")])), Is.EqualTo("*1\r\n$7\r\nmessage\r\n"));
            Assert.That(RespText.Encode(new RedisReply.Verbatim("a:1")), Is.EqualTo("$3\r\na:1\r\n"));
        });
    }

    [Test]
    public void Spells_RESP3_types_after_HELLO_3()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RespText.Encode(s_map, 3), Is.EqualTo("%1\r\n$5\r\nproto\r\n:3\r\n"));
            Assert.That(RespText.Encode(new RedisReply.Set([RedisReply.Of("a")]), 3), Is.EqualTo("~1\r\n$1\r\na\r\n"));
            Assert.That(RespText.Encode(new RedisReply.Double(1.5), 3), Is.EqualTo(",1.5\r\n"));
            Assert.That(RespText.Encode(new RedisReply.Double(double.NegativeInfinity), 3), Is.EqualTo(",-inf\r\n"));
            Assert.That(RespText.Encode(RedisReply.NullBulk, 3), Is.EqualTo("_\r\n"));
            Assert.That(RespText.Encode(RedisReply.NullArray, 3), Is.EqualTo("_\r\n"));
            Assert.That(RespText.Encode(new RedisReply.Push([RedisReply.Of("message")]), 3), Is.EqualTo(">1\r\n$7\r\nmessage\r\n"));
            Assert.That(RespText.Encode(new RedisReply.Verbatim("a:1"), 3), Is.EqualTo("=7\r\ntxt:a:1\r\n"));
        });
    }

    [Test]
    public void Keeps_an_error_on_one_line()
    {
        Assert.That(RespText.Encode(new RedisReply.Error("ERR a\r\nb")), Is.EqualTo("-ERR a  b\r\n"));
    }

    [Test]
    public void Writes_several_replies_of_one_command_back_to_back()
    {
        var replies = new RedisReply.Sequence([RedisReply.Ok, RedisReply.Pong]);

        Assert.That(RespText.Encode(replies), Is.EqualTo("+OK\r\n+PONG\r\n"));
    }
}
