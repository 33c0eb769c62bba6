using System.Text;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Specs.Support;
using static ReactiveCache.Specs.Support.DumpSeal;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>DUMP and RESTORE with Redis 7.0's payload format, so values move between redis-server and this server.</summary>
public sealed class DumpCommandSpecs : RedisSessionSpec
{
    // Dumped by redis-server 7.0.15: HSET h a 1 n -4096 big 9223372036854775807 s hello (a listpack of integers and
    // strings), and SET s with "abc" twenty times (an LZF-compressed string).
    internal const string RedisHashPayload =
        "102b2b00000008008161020101816e02d000028362696704f4ffffffffffffff7f098173028568656c6c6f06ff0a0023440370ff7ab709";

    internal const string RedisStringPayload = "00c30b3c0361626361e02d020162630a006f6029e4afd764ac";

    [Test]
    public void Seals_payloads_with_Redis_CRC64()
    {
        Assert.That(Crc64.Compute("123456789"u8), Is.EqualTo(0xe9c6d914c4b8d9caUL));
    }

    [Test]
    public void Restores_what_redis_server_dumped()
    {
        Assert.That(Restore("h", "0", Convert.FromHexString(RedisHashPayload)), Is.EqualTo("+OK\r\n"));
        Assert.That(Restore("s", "0", Convert.FromHexString(RedisStringPayload)), Is.EqualTo("+OK\r\n"));

        Assert.That(Client.Send("HGETALL", "h"), Is.EqualTo(HashCommandSpecs.Bulks("a", "1", "n", "-4096", "big", "9223372036854775807", "s", "hello")));
        Assert.That(Client.Send("OBJECT", "ENCODING", "h"), Is.EqualTo("$8\r\nlistpack\r\n"));
        Assert.That(Client.Send("GET", "s"), Is.EqualTo($"$60\r\n{string.Concat(Enumerable.Repeat("abc", 20))}\r\n"));
    }

    [Test]
    public void Round_trips_strings_and_hashes_with_a_time_to_live()
    {
        Client.Send("SET", "s", "text");
        Client.Send("HSET", "h", "a", "1", "wide", new string('x', 100));
        var stringPayload = Dump("s");
        var hashPayload = Dump("h");

        Assert.That(Restore("s2", "0", stringPayload), Is.EqualTo("+OK\r\n"));
        Assert.That(Restore("h2", "5000", hashPayload), Is.EqualTo("+OK\r\n"));

        Assert.That(Client.Send("GET", "s2"), Is.EqualTo("$4\r\ntext\r\n"));
        Assert.That(Client.Send("HGETALL", "h2"), Is.EqualTo(Client.Send("HGETALL", "h")));
        Assert.That(Client.Send("OBJECT", "ENCODING", "h2"), Is.EqualTo("$9\r\nhashtable\r\n"), "restored as a write would build it");
        Assert.That(Client.Send("PTTL", "h2"), Is.EqualTo(":5000\r\n"));
        Assert.That(Client.Send("DUMP", "missing"), Is.EqualTo("$-1\r\n"));
    }

    [Test]
    public void RESTORE_is_one_change_and_announces_restore()
    {
        using var redis = new RedisHarness(new RedisSettings { NotifyKeyspaceEvents = "Eg" });
        var watcher = redis.Connect();
        watcher.Send("SUBSCRIBE", "__keyevent@0__:restore");
        var client = redis.Connect();
        var changes = new List<CacheChange>();
        using var subscription = redis.Store.Changes.Subscribe(changes.Add);
        client.Send("SET", "k", "old");

        var reply = client.Send(["RESTORE", "k", "0", Encoding.Latin1.GetString(Convert.FromHexString(RedisHashPayload)), "REPLACE"]);

        Assert.That(reply, Is.EqualTo("+OK\r\n"));
        Assert.That(changes, Has.Count.EqualTo(2));
        Assert.That(changes[1].Reason, Is.EqualTo(ChangeReason.Restore));
        Assert.That(changes[1].Type, Is.EqualTo(ValueKind.Hash));
        Assert.That(changes[1].Fields, Has.Count.EqualTo(4));
        Assert.That(watcher.Pushed, Is.EqualTo(new[] { "*3\r\n$7\r\nmessage\r\n$22\r\n__keyevent@0__:restore\r\n$1\r\nk\r\n" }));
    }

    [Test]
    public void RESTORE_refuses_as_Redis_does_in_Redis_order()
    {
        Client.Send("SET", "s", "v");
        var payload = Dump("s");
        var tampered = payload.ToArray();
        tampered[^1] ^= 1;

        Assert.That(Restore("s", "x", [1, 2, 3]), Is.EqualTo("-" + RespErrors.BusyKey + "\r\n"), "an existing key first");
        Assert.That(Restore("n", "x", payload), Is.EqualTo("-ERR value is not an integer or out of range\r\n"));
        Assert.That(Restore("n", "-1", payload), Is.EqualTo("-ERR Invalid TTL value, must be >= 0\r\n"));
        Assert.That(Restore("n", "0", tampered), Is.EqualTo("-ERR DUMP payload version or checksum are wrong\r\n"));
        Assert.That(Restore("n", "0", Seal([0x63, 0x01])), Is.EqualTo("-ERR Bad data format\r\n"), "an unknown type");
        Assert.That(Restore("n", "0", Seal([0x04, 0x00])), Is.EqualTo("-ERR Bad data format\r\n"), "an empty hash");
        Assert.That(Restore("n", "0", Seal([0x00, 0x3f, 0x61])), Is.EqualTo("-ERR Bad data format\r\n"), "a string longer than its payload");
        Assert.That(Restore("n", "0", payload, "IDLETIME", "-1"), Is.EqualTo("-ERR Invalid IDLETIME value, must be >= 0\r\n"));
        Assert.That(Restore("n", "0", payload, "FREQ", "256"), Is.EqualTo("-ERR Invalid FREQ value, must be >= 0 and <= 255\r\n"));
        Assert.That(Restore("n", "0", payload, "IDLETIME", "1", "FREQ", "1"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("EXISTS", "n"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void RESTORE_with_a_time_already_past_creates_nothing_and_deletes_what_it_replaces()
    {
        Client.Send("SET", "s", "v");
        var payload = Dump("s");

        Assert.That(Restore("s", "1", payload, "REPLACE", "ABSTTL"), Is.EqualTo("+OK\r\n"));
        Assert.That(Restore("t", "1", payload, "ABSTTL"), Is.EqualTo("+OK\r\n"));

        Assert.That(Client.Send("EXISTS", "s", "t"), Is.EqualTo(":0\r\n"));
    }

    private byte[] Dump(string key)
    {
        var reply = Encoding.Latin1.GetBytes(Client.Send("DUMP", key));
        var header = Array.IndexOf(reply, (byte)'\n') + 1;
        return reply[header..^2];
    }

    private string Restore(string key, string ttl, byte[] payload, params string[] options) =>
        Client.Send(["RESTORE", key, ttl, Encoding.Latin1.GetString(payload), .. options]);
}
