using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>
/// Pub/sub messages are a stream merged into the subscriber's connection, over a real socket: never ahead of the
/// replies of the batch that caused them, under the pubsub class's output limit, and closed by CLIENT KILL.
/// </summary>
[Category("Integration")]
public sealed class SubscriberPushSpecs
{
    [Test]
    public async Task A_message_published_after_the_confirmation_arrives_after_it()
    {
        await using var server = RespServer.Start();
        await using var subscriber = await RawRespClient.ConnectAsync(server.EndPoint);
        await using var publisher = await RawRespClient.ConnectAsync(server.EndPoint);

        await subscriber.SendAsync("SUBSCRIBE news\r\n");
        var confirmation = await subscriber.ReceiveAsync("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n");
        await publisher.SendAsync("PUBLISH news hi\r\n");
        var receivers = await publisher.ReceiveAsync(":1\r\n");

        Assert.That(confirmation, Is.EqualTo("*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n"));
        Assert.That(receivers, Is.EqualTo(":1\r\n"));
        Assert.That(await subscriber.ReceiveAsync("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n"), Is.EqualTo("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n"));
    }

    [Test]
    public async Task A_message_caused_within_a_batch_is_written_after_that_batchs_replies()
    {
        await using var server = RespServer.Start();
        await using var client = await RawRespClient.ConnectAsync(server.EndPoint);

        // RESP3 lets a subscriber publish; the message to itself is pushed once the batch's replies are written.
        await client.SendAsync("HELLO 3\r\nSUBSCRIBE c\r\nPUBLISH c m\r\nPING\r\n");
        while (await client.ReceiveLineAsync() is var line && line != ">3")
        {
            // The HELLO map: skipped up to the first push, the subscription's confirmation.
        }

        var expected = "$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n:1\r\n+PONG\r\n>3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n";
        Assert.That(await client.ReceiveAsync(expected), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_subscriber_whose_pushes_pass_the_pubsub_hard_limit_is_closed_and_unsubscribed()
    {
        await using var server = RespServer.Start();
        await using var subscriber = await RawRespClient.ConnectAsync(server.EndPoint);
        await using var publisher = await RawRespClient.ConnectAsync(server.EndPoint);
        await publisher.SendAsync("CONFIG SET client-output-buffer-limit \"pubsub 1000 0 0\"\r\n");
        await publisher.ReceiveAsync("+OK\r\n");
        await subscriber.SendAsync("SUBSCRIBE c\r\n");
        await subscriber.ReceiveAsync("*3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n");

        await publisher.SendAsync($"PUBLISH c {new string('m', 5000)}\r\n");
        var receivers = await publisher.ReceiveAsync(":1\r\n");

        Assert.That(receivers, Is.EqualTo(":1\r\n"));
        Assert.That(await subscriber.IsClosedByServerAsync(), Is.True);
        await publisher.SendAsync("PUBSUB NUMSUB c\r\n");
        Assert.That(await publisher.ReceiveAsync("*2\r\n$1\r\nc\r\n:0\r\n"), Is.EqualTo("*2\r\n$1\r\nc\r\n:0\r\n"));
    }

    [Test]
    public async Task Client_kill_closes_an_idle_subscriber()
    {
        await using var server = RespServer.Start();
        await using var subscriber = await RawRespClient.ConnectAsync(server.EndPoint);
        await using var killer = await RawRespClient.ConnectAsync(server.EndPoint);
        await subscriber.SendAsync("CLIENT ID\r\n");
        var id = (await subscriber.ReceiveLineAsync())[1..];
        await subscriber.SendAsync("SUBSCRIBE c\r\n");
        await subscriber.ReceiveAsync("*3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n");

        await killer.SendAsync($"CLIENT KILL ID {id}\r\n");

        Assert.That(await killer.ReceiveAsync(":1\r\n"), Is.EqualTo(":1\r\n"));
        Assert.That(await subscriber.IsClosedByServerAsync(), Is.True);
    }
}
