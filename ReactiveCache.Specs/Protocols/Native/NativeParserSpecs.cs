using System.Buffers;
using NUnit.Framework;
using ReactiveCache.Protocols.Native;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Protocols.Native;

public sealed class NativeParserSpecs
{
    [TestCase("PUT greeting hello world", "Put greeting=hello world")]
    [TestCase("put greeting  two  spaces ", "Put greeting= two  spaces ")]
    [TestCase("PUT empty ", "Put empty=")]
    [TestCase("GET greeting", "Get greeting")]
    [TestCase("get greeting", "Get greeting")]
    [TestCase("DEL k", "Delete k")]
    [TestCase("EXPIRE k 10", "Expire k 10")]
    [TestCase("EXPIRE k -1", "Expire k -1")]
    [TestCase("TTL k", "TimeToLive k")]
    [TestCase("PERSIST k", "Persist k")]
    [TestCase("KEYS", "ListKeys *")]
    [TestCase("KEYS user:[0-9]*", "ListKeys user:[0-9]*")]
    [TestCase("WATCH *", "Watch * from -")]
    [TestCase("WATCH user:* FROM 42", "Watch user:* from 42")]
    [TestCase("watch user:* from 0", "Watch user:* from 0")]
    [TestCase("UNWATCH", "Unwatch")]
    [TestCase("PING", "Ping")]
    [TestCase("STATS", "Stats")]
    [TestCase("HELP", "Help")]
    [TestCase("QUIT", "Quit")]
    [TestCase("GET ключ", "Get ключ")]
    public void Parses_a_well_formed_line(string line, string expected)
    {
        Assert.That(Describe(Parse(line)), Is.EqualTo(expected));
    }

    [TestCase("FLY away", "ERR unknown command 'FLY'")]
    [TestCase("GET", "ERR wrong number of arguments for 'GET'")]
    [TestCase("GET a b", "ERR wrong number of arguments for 'GET'")]
    [TestCase("PUT k", "ERR wrong number of arguments for 'PUT'")]
    [TestCase("PUT", "ERR wrong number of arguments for 'PUT'")]
    [TestCase("EXPIRE k", "ERR wrong number of arguments for 'EXPIRE'")]
    [TestCase("EXPIRE k ten", "ERR not a number")]
    [TestCase("EXPIRE k 99999999999999999999", "ERR not a number")]
    [TestCase("WATCH", "ERR wrong number of arguments for 'WATCH'")]
    [TestCase("WATCH * SINCE 3", "ERR wrong number of arguments for 'WATCH'")]
    [TestCase("WATCH * FROM", "ERR wrong number of arguments for 'WATCH'")]
    [TestCase("WATCH * FROM -3", "ERR not a number")]
    [TestCase("PING now", "ERR wrong number of arguments for 'PING'")]
    [TestCase("GET a\tb", "ERR invalid key")]
    [TestCase("PUT a\u0001b v", "ERR invalid key")]
    [TestCase("PING\0", "ERR unknown command 'PING?'")]
    [TestCase("GET\rx k", "ERR unknown command 'GET?x'")]
    [TestCase("GET k\0", "ERR invalid key")]
    [TestCase("WATCH * FROM 99999999999999999999", "ERR not a number")]
    [TestCase("AUTH", "ERR wrong number of arguments for 'AUTH'")]
    public void Turns_a_bad_line_into_an_invalid_command(string line, string expected)
    {
        Assert.That(Describe(Parse(line)), Is.EqualTo(expected));
    }

    [Test]
    public void Rejects_a_key_over_250_bytes()
    {
        Assert.That(Describe(Parse("GET " + new string('k', 251))), Is.EqualTo("ERR invalid key"));
        Assert.That(Describe(Parse("GET " + new string('k', 250))), Does.StartWith("Get kkk"));
    }

    [Test]
    public void Rejects_invalid_utf8()
    {
        var line = new ReadOnlySequence<byte>([.. "PUT k "u8, 0xC3, 0x28]);

        Assert.That(Describe(NativeParser.Parse(line)), Is.EqualTo("ERR invalid UTF-8"));
    }

    [Test]
    public void Parses_a_line_that_spans_several_buffer_segments()
    {
        var line = Segments.Of("PUT spl", "it va", "lue");

        Assert.That(Describe(NativeParser.Parse(line)), Is.EqualTo("Put split=value"));
    }

    private static Command Parse(string line) => NativeParser.Parse(new ReadOnlySequence<byte>(Text.Bytes(line)));

    private static string Describe(Command command) => command switch
    {
        Command.Put put => $"Put {Text.Of(put.Key)}={Text.Of(put.Value)}",
        Command.Get get => $"Get {Text.Of(get.Key)}",
        Command.Delete delete => $"Delete {Text.Of(delete.Key)}",
        Command.Expire expire => $"Expire {Text.Of(expire.Key)} {expire.Seconds}",
        Command.TimeToLive ttl => $"TimeToLive {Text.Of(ttl.Key)}",
        Command.Persist persist => $"Persist {Text.Of(persist.Key)}",
        Command.ListKeys keys => $"ListKeys {Text.Of(keys.Glob)}",
        Command.Watch watch => $"Watch {Text.Of(watch.Glob)} from {watch.FromSequence?.ToString() ?? "-"}",
        Command.Invalid invalid => $"ERR {invalid.Error}",
        _ => command.GetType().Name,
    };
}
