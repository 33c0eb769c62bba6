using System.Text;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Hosting;

/// <summary>
/// What every protocol's pipeline shares, shown for each of the three over the same harness: one flush per read
/// batch, and the same replies however the requests are cut into reads (the connection's loop keeps what a framer
/// left unread in the pipe until the next read).
/// </summary>
[TestFixture("native")]
[TestFixture("memcached")]
[TestFixture("redis")]
public sealed class ServedPipelineSpecs(string protocol)
{
    private const int Pipelined = 50;

    private readonly List<IDisposable> _owned = [];

    [TearDown]
    public void Close()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _owned.Clear();
    }

    [Test]
    public void Flushes_once_for_a_whole_batch_of_pipelined_requests()
    {
        var (requests, replies) = Conversation();
        var wire = Open();
        var flushesBefore = wire.Client.Flushes;

        var received = wire.Exchange(Bytes(string.Concat(Enumerable.Repeat(requests, Pipelined))));

        Assert.That(Text(received), Is.EqualTo(string.Concat(Enumerable.Repeat(replies, Pipelined))));
        Assert.That(wire.Client.Flushes - flushesBefore, Is.EqualTo(1));
    }

    [Test]
    public void Answers_the_same_wherever_the_requests_are_split_in_two_reads()
    {
        var (requests, replies) = Conversation();
        for (var split = 0; split <= requests.Length; split++)
        {
            var wire = Open();

            var received = Text(wire.Exchange(Bytes(requests[..split]))) + Text(wire.Exchange(Bytes(requests[split..])));

            Assert.That(received, Is.EqualTo(replies), $"split at {split}");
        }
    }

    [Test]
    public void Answers_the_same_when_every_byte_arrives_in_a_read_of_its_own()
    {
        var (requests, replies) = Conversation();
        var wire = Open();
        var flushesBefore = wire.Client.Flushes;

        var received = string.Concat(requests.Select(one => Text(wire.Exchange(Bytes(one.ToString())))));

        Assert.That(received, Is.EqualTo(replies));
        Assert.That(wire.Client.Flushes - flushesBefore, Is.EqualTo(requests.Length), "one flush per read, whether or not it completed a request");
    }

    private static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    private static string Text(byte[] bytes) => Encoding.Latin1.GetString(bytes);

    // A conversation in this fixture's protocol with the exact replies its reference server gives: a write, a read
    // of it, a delete, a read of nothing and a no-op.
    private (string Requests, string Replies) Conversation() => protocol switch
    {
        "native" => ("PUT k hello\r\nGET k\r\nDEL k\r\nGET k\r\nPING\r\n", "OK\r\nVALUE hello\r\nDELETED\r\nNOT_FOUND\r\nPONG\r\n"),
        "memcached" => ("set k 0 0 5\r\nhello\r\nget k\r\ndelete k\r\nget k\r\nmn\r\n", "STORED\r\nVALUE k 0 5\r\nhello\r\nEND\r\nDELETED\r\nEND\r\nMN\r\n"),
        _ => ("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\nGET k\r\n*2\r\n$3\r\nDEL\r\n$1\r\nk\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\nPING\r\n",
            "+OK\r\n$5\r\nhello\r\n:1\r\n$-1\r\n+PONG\r\n"),
    };

    // A fresh connection of this fixture's protocol, with a server (store, Redis databases) of its own.
    private IServedConnection Open() => protocol switch
    {
        "native" => Own(new NativeHarness()).Wire,
        "memcached" => new MemcachedHarness(Own(new CacheStore(scheduler: new TestScheduler()))).Wire,
        _ => Own(new RedisHarness()).Connect().Wire,
    };

    private T Own<T>(T owned)
        where T : IDisposable
    {
        _owned.Add(owned);
        return owned;
    }
}
