using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Native;

/// <summary>Every WATCH is a subscriber each write is offered to: one connection may hold only so many.</summary>
public sealed class NativeWatchLimitSpecs
{
    [Test]
    public void Refuses_a_watch_past_the_limit_and_takes_it_again_after_UNWATCH()
    {
        using var native = new NativeHarness(maxWatches: 2);

        var replies = native.Send("WATCH a", "WATCH b", "WATCH c", "UNWATCH", "WATCH c");

        Assert.That(replies, Is.EqualTo(
            "WATCHING a 0\r\nWATCHING b 0\r\nERR too many watches on this connection (at most 2; UNWATCH first)\r\nOK\r\nWATCHING c 0\r\n"));
        Assert.That(native.Store.SubscriberCount, Is.EqualTo(1));
    }
}
