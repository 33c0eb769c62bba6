using System.Text;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>A channel and a pattern are observables shared by their subscribers and counted; PUBLISH and PUBSUB read those counts.</summary>
public sealed class PubSubBrokerSpecs : ReactiveTest
{
    private readonly PubSubBroker _broker = new();
    private readonly TestScheduler _scheduler = new();

    [Test]
    public void A_channel_exists_from_its_first_subscriber_to_the_disposal_of_its_last()
    {
        var first = _broker.Channel(Bytes("news")).Subscribe(_scheduler.CreateObserver<PublishedMessage>());
        var second = _broker.Channel(Bytes("news")).Subscribe(_scheduler.CreateObserver<PublishedMessage>());
        var countWithTwo = _broker.SubscriberCount(Bytes("news"));

        first.Dispose();
        var countWithOne = _broker.SubscriberCount(Bytes("news"));
        var channelsWithOne = Names(_broker.Channels(null));
        second.Dispose();

        Assert.That((countWithTwo, countWithOne), Is.EqualTo((2, 1)));
        Assert.That(channelsWithOne, Is.EqualTo(new[] { "news" }));
        Assert.That(_broker.SubscriberCount(Bytes("news")), Is.Zero);
        Assert.That(_broker.Channels(null), Is.Empty);
        Assert.That(_broker.Publish(Bytes("news"), Bytes("after the last")), Is.Zero);
    }

    [Test]
    public void Every_subscriber_of_a_channel_receives_the_same_message_while_subscribed()
    {
        var staying = _scheduler.CreateObserver<string>();
        var leaving = _scheduler.CreateObserver<string>();
        using var stays = _broker.Channel(Bytes("c")).Select(Text).Subscribe(staying);
        var leaves = _broker.Channel(Bytes("c")).Select(Text).Subscribe(leaving);

        _broker.Publish(Bytes("c"), Bytes("one"));
        leaves.Dispose();
        _broker.Publish(Bytes("c"), Bytes("two"));

        staying.Messages.AssertEqual(OnNext(0, "message c one"), OnNext(0, "message c two"));
        leaving.Messages.AssertEqual(OnNext(0, "message c one"));
    }

    [Test]
    public void Publish_counts_the_channels_subscribers_and_every_matching_patterns()
    {
        using var channel1 = _broker.Channel(Bytes("news.tech")).Subscribe(_scheduler.CreateObserver<PublishedMessage>());
        using var channel2 = _broker.Channel(Bytes("news.tech")).Subscribe(_scheduler.CreateObserver<PublishedMessage>());
        using var other = _broker.Channel(Bytes("news.art")).Subscribe(_scheduler.CreateObserver<PublishedMessage>());
        var matched = _scheduler.CreateObserver<string>();
        using var pattern1 = _broker.Pattern(Bytes("news.*")).Select(Text).Subscribe(matched);
        using var pattern2 = _broker.Pattern(Bytes("*tech")).Subscribe(_scheduler.CreateObserver<PublishedMessage>());
        using var unmatched = _broker.Pattern(Bytes("sport.*")).Subscribe(_scheduler.CreateObserver<PublishedMessage>());

        var receivers = _broker.Publish(Bytes("news.tech"), Bytes("hi"));

        Assert.That(receivers, Is.EqualTo(4));
        Assert.That(_broker.PatternCount, Is.EqualTo(3));
        matched.Messages.AssertEqual(OnNext(0, "pmessage news.* news.tech hi"));
    }

    [Test]
    public void Messages_reach_channel_and_pattern_subscribers_in_the_one_order_they_were_published()
    {
        var byChannel = _scheduler.CreateObserver<string>();
        var byPattern = _scheduler.CreateObserver<string>();
        using var channel = _broker.Channel(Bytes("a")).Select(Payload).Subscribe(byChannel);
        using var pattern = _broker.Pattern(Bytes("*")).Select(Payload).Subscribe(byPattern);

        Parallel.For(0, 1000, i => _broker.Publish(Bytes("a"), Bytes(i.ToString())));

        Assert.That(byChannel.Messages.Select(message => message.Value.Value), Is.EquivalentTo(Enumerable.Range(0, 1000).Select(i => i.ToString())));
        Assert.That(byPattern.Messages.Select(message => message.Value.Value), Is.EqualTo(byChannel.Messages.Select(message => message.Value.Value)));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string[] Names(IEnumerable<byte[]> names) => names.Select(Encoding.UTF8.GetString).ToArray();

    // The push as words: "message channel payload" or "pmessage pattern channel payload".
    private static string Text(PublishedMessage message) =>
        string.Join(' ', ((RedisReply.Push)message.Push).Items.Select(item => item switch
        {
            RedisReply.Bulk bulk => Encoding.UTF8.GetString(bulk.Bytes),
            _ => item.ToString(),
        }));

    private static string Payload(PublishedMessage message) => Text(message).Split(' ')[^1];
}
