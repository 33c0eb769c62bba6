using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Redis;

public sealed class PubSubSpecs : ReactiveTest
{
    [Test]
    public void Delivers_published_messages_to_channel_and_pattern_subscribers()
    {
        using var redis = new RedisHarness();
        var subscriber = redis.Connect();
        var publisher = redis.Connect();

        Assert.That(subscriber.Send("SUBSCRIBE", "news", "sport"), Is.EqualTo(
            "*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$5\r\nsport\r\n:2\r\n"));
        Assert.That(subscriber.Send("PSUBSCRIBE", "n*"), Is.EqualTo("*3\r\n$10\r\npsubscribe\r\n$2\r\nn*\r\n:3\r\n"));
        Assert.That(publisher.Send("PUBLISH", "news", "hi"), Is.EqualTo(":2\r\n"));
        Assert.That(publisher.Send("PUBSUB", "NUMSUB", "news", "none"), Is.EqualTo("*4\r\n$4\r\nnews\r\n:1\r\n$4\r\nnone\r\n:0\r\n"));
        Assert.That(publisher.Send("PUBSUB", "NUMPAT"), Is.EqualTo(":1\r\n"));

        Assert.That(subscriber.Pushed, Is.EqualTo(new[]
        {
            "*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n",
            "*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$2\r\nhi\r\n",
        }));
    }

    [Test]
    public void Allows_only_subscription_commands_to_a_RESP2_subscriber()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("SUBSCRIBE", "c");

        Assert.That(client.Send("GET", "k"), Is.EqualTo(
            "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n"));
        Assert.That(client.Send("PING"), Is.EqualTo("*2\r\n$4\r\npong\r\n$0\r\n\r\n"));
        Assert.That(client.Send("UNSUBSCRIBE"), Is.EqualTo("*3\r\n$11\r\nunsubscribe\r\n$1\r\nc\r\n:0\r\n"));
        Assert.That(client.Send("UNSUBSCRIBE"), Is.EqualTo("*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n"));
        Assert.That(client.Send("GET", "k"), Is.EqualTo("$-1\r\n"));
    }

    [Test]
    public void Lets_a_RESP3_subscriber_run_commands_and_pushes_its_messages()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("HELLO", "3");

        Assert.That(client.Send("SUBSCRIBE", "c"), Is.EqualTo(">3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n"));
        Assert.That(client.Send("GET", "k"), Is.EqualTo("_\r\n"));
        redis.Connect().Send("PUBLISH", "c", "m");

        Assert.That(client.Pushed, Is.EqualTo(new[] { ">3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n" }));
    }

    [Test]
    public void Publishes_keyspace_notifications_from_the_change_stream()
    {
        using var redis = new RedisHarness(new RedisSettings { NotifyKeyspaceEvents = "KEA" });
        var watcher = redis.Connect();
        var writer = redis.Connect();
        watcher.Send("PSUBSCRIBE", "__keyevent@*__:*");

        writer.Send("SET", "k", "1", "PX", "1500");
        writer.Send("INCRBY", "k", "2");
        writer.Send("RENAME", "k", "j");
        writer.Send("DEL", "j");

        Assert.That(watcher.Pushed.Select(Event), Is.EqualTo(new[] { "set k", "expire k", "incrby k", "rename_from k", "rename_to j", "del j" }));
    }

    [Test]
    public void Notifies_writes_made_outside_Redis_through_the_same_store()
    {
        using var redis = new RedisHarness(new RedisSettings { NotifyKeyspaceEvents = "KA" });
        var watcher = redis.Connect();
        watcher.Send("SUBSCRIBE", "__keyspace@0__:native");

        redis.Store.Set("native", "written by another protocol");
        redis.Store.Delete("native");

        Assert.That(watcher.Pushed, Is.EqualTo(new[]
        {
            "*3\r\n$7\r\nmessage\r\n$21\r\n__keyspace@0__:native\r\n$3\r\nset\r\n",
            "*3\r\n$7\r\nmessage\r\n$21\r\n__keyspace@0__:native\r\n$3\r\ndel\r\n",
        }));
    }

    [Test]
    public void Publishes_expired_when_the_key_is_due_not_when_it_is_next_read()
    {
        using var redis = new RedisHarness(new RedisSettings { NotifyKeyspaceEvents = "Ex" });
        var watcher = redis.Connect();
        watcher.Send("SUBSCRIBE", "__keyevent@0__:expired");
        redis.Connect().Send("SET", "k", "v", "PX", "1500");

        redis.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(1499).Ticks);
        Assert.That(watcher.Pushed, Is.Empty);
        redis.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(1).Ticks);

        Assert.That(watcher.Pushed, Is.EqualTo(new[] { "*3\r\n$7\r\nmessage\r\n$22\r\n__keyevent@0__:expired\r\n$1\r\nk\r\n" }));
    }

    [Test]
    public void Turns_keyspace_notifications_on_and_off_with_CONFIG_SET()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();

        Assert.That(client.Send("CONFIG", "SET", "notify-keyspace-events", "Kg$"), Is.EqualTo("+OK\r\n"));
        Assert.That(client.Send("CONFIG", "GET", "notify-keyspace-events"), Is.EqualTo("*2\r\n$22\r\nnotify-keyspace-events\r\n$3\r\ng$K\r\n"));
        Assert.That(client.Send("CONFIG", "SET", "notify-keyspace-events", "Z"), Is.EqualTo(
            "-ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.\r\n"));
        Assert.That(redis.Server.Databases[0].SubscriberCount, Is.EqualTo(1));
        client.Send("CONFIG", "SET", "notify-keyspace-events", "");
        Assert.That(redis.Server.Databases[0].SubscriberCount, Is.EqualTo(0));
    }

    [Test]
    public void Numsub_and_numpat_follow_subscribe_unsubscribe_and_disconnect()
    {
        using var redis = new RedisHarness();
        var first = redis.Connect();
        var second = redis.Connect();
        var observer = redis.Connect();
        first.Send("SUBSCRIBE", "c");
        second.Send("SUBSCRIBE", "c");
        first.Send("PSUBSCRIBE", "p*");
        second.Send("PSUBSCRIBE", "p*", "q*");
        var both = (observer.Send("PUBSUB", "NUMSUB", "c"), observer.Send("PUBSUB", "NUMPAT"));

        first.Send("UNSUBSCRIBE", "c");
        first.Send("PUNSUBSCRIBE");
        var afterUnsubscribe = (observer.Send("PUBSUB", "NUMSUB", "c"), observer.Send("PUBSUB", "NUMPAT"));
        second.Disconnect();

        Assert.That(both, Is.EqualTo(("*2\r\n$1\r\nc\r\n:2\r\n", ":2\r\n")));
        Assert.That(afterUnsubscribe, Is.EqualTo(("*2\r\n$1\r\nc\r\n:1\r\n", ":2\r\n")));
        Assert.That(observer.Send("PUBSUB", "NUMSUB", "c"), Is.EqualTo("*2\r\n$1\r\nc\r\n:0\r\n"));
        Assert.That(observer.Send("PUBSUB", "NUMPAT"), Is.EqualTo(":0\r\n"));
        Assert.That(observer.Send("PUBSUB", "CHANNELS"), Is.EqualTo("*0\r\n"));
        Assert.That(observer.Send("PUBLISH", "c", "nobody"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void Publish_counts_one_receiver_per_subscription_of_a_channel_or_matching_pattern()
    {
        using var redis = new RedisHarness();
        var both = redis.Connect();
        var channelOnly = redis.Connect();
        both.Send("SUBSCRIBE", "news");
        both.Send("PSUBSCRIBE", "n*", "x*");
        channelOnly.Send("SUBSCRIBE", "news");

        var receivers = redis.Connect().Send("PUBLISH", "news", "hi");

        Assert.That(receivers, Is.EqualTo(":3\r\n"));
        Assert.That(both.Pushed, Has.Count.EqualTo(2));
        Assert.That(channelOnly.Pushed, Has.Count.EqualTo(1));
    }

    [Test]
    public void Keyspace_notifications_subscribe_to_the_store_only_while_CONFIG_SET_turns_them_on()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        var watcher = redis.Connect();
        watcher.Send("SUBSCRIBE", "__keyevent@0__:set");
        var whileOff = redis.Store.SubscriberCount;
        client.Send("SET", "before", "1");

        client.Send("CONFIG", "SET", "notify-keyspace-events", "E$");
        var whileOn = redis.Store.SubscriberCount;
        client.Send("SET", "during", "1");
        client.Send("CONFIG", "SET", "notify-keyspace-events", "");
        client.Send("SET", "after", "1");

        Assert.That((whileOff, whileOn), Is.EqualTo((0, 1)));
        Assert.That(redis.Store.SubscriberCount, Is.Zero);
        Assert.That(watcher.Pushed, Is.EqualTo(new[] { "*3\r\n$7\r\nmessage\r\n$18\r\n__keyevent@0__:set\r\n$6\r\nduring\r\n" }));
    }

    [Test]
    public void Keyspace_notifications_turned_on_inside_a_transaction_notify_its_later_writes()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        var watcher = redis.Connect();
        watcher.Send("SUBSCRIBE", "__keyevent@0__:set");

        client.Send("MULTI");
        client.Send("SET", "before", "1");
        client.Send("CONFIG", "SET", "notify-keyspace-events", "E$");
        client.Send("SET", "after", "1");
        var replies = client.Send("EXEC");

        Assert.That(replies, Is.EqualTo("*3\r\n+OK\r\n+OK\r\n+OK\r\n"));
        Assert.That(watcher.Pushed, Is.EqualTo(new[] { "*3\r\n$7\r\nmessage\r\n$18\r\n__keyevent@0__:set\r\n$5\r\nafter\r\n" }));
    }

    [Test]
    public void A_change_still_in_delivery_when_the_flags_change_is_announced_as_the_flags_said_when_it_was_committed()
    {
        using var redis = new RedisHarness();
        var watcher = redis.Connect();
        watcher.Send("SUBSCRIBE", "__keyspace@0__:k");

        // Attached before the notifier, so it is handed each batch first: it changes the flags (as another client's
        // CONFIG SET may) while the batch is still on its way to the notifier.
        var changedFlags = 0;
        using var reconfigure = redis.Server.Databases[0].Changes.Subscribe(change =>
        {
            if (change.Key is [(byte)'k'] && changedFlags++ == 0)
            {
                redis.Server.Notifier.Flags = Flags("KA");
            }
        });
        redis.Server.Notifier.Flags = Flags("K$");

        var writer = redis.Connect();
        writer.Send("INCR", "k");
        writer.Send("INCR", "k");

        Assert.That(watcher.Pushed, Is.EqualTo(new[]
        {
            "*3\r\n$7\r\nmessage\r\n$16\r\n__keyspace@0__:k\r\n$6\r\nincrby\r\n",
            "*3\r\n$7\r\nmessage\r\n$16\r\n__keyspace@0__:k\r\n$6\r\nincrby\r\n",
        }));
    }

    private static KeyspaceEventFlags Flags(string text) =>
        KeyspaceEvents.TryParse(text, out var flags) ? flags : throw new ArgumentException(text);

    // "*4 pmessage pattern channel message" → "<event> <key>" from the keyevent channel name and the message.
    private static string Event(string push)
    {
        var lines = push.Split("\r\n");
        return $"{lines[6][(lines[6].LastIndexOf(':') + 1)..]} {lines[8]}";
    }
}
