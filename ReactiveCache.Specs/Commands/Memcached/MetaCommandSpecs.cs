using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Commands.Memcached;

public sealed class MetaCommandSpecs : ReactiveTest
{
    private TestScheduler _scheduler = null!;
    private CacheStore _store = null!;
    private MemcachedHarness _client = null!;

    [SetUp]
    public void Start()
    {
        _scheduler = new TestScheduler();
        _scheduler.AdvanceTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks);
        _store = new CacheStore(scheduler: _scheduler);
        _client = new MemcachedHarness(_store);
    }

    [TearDown]
    public void Stop() => _store.Dispose();

    [Test]
    public void Sets_and_gets_with_return_flags_in_the_order_asked()
    {
        var set = _client.Send("ms k 2 F7 T60 O1\r\nhi\r\n");
        var get = _client.Send("mg k s v f t k O2\r\n");

        Assert.That(set, Is.EqualTo("HD O1\r\n"));
        Assert.That(get, Is.EqualTo("VA 2 s2 f7 t60 kk O2\r\nhi\r\n"));
    }

    [Test]
    public void Answers_a_miss_with_EN_unless_quiet_and_ends_a_pipeline_with_MN()
    {
        var replies = _client.Send("mg nope v\r\nmg nope v q\r\nmn\r\n");

        Assert.That(replies, Is.EqualTo("EN\r\nMN\r\n"));
    }

    [Test]
    public void Follows_the_ms_modes_and_compare_and_swap()
    {
        _client.Send("ms k 1\r\na\r\n");
        var cas = _client.Send("mg k c\r\n").Trim()[4..];

        var replies = _client.Send(
            "ms k 1 ME\r\nb\r\nms k 1 MA\r\nz\r\nms k 1 MP\r\ny\r\nms gone 1 MR\r\nx\r\n" +
            $"ms k 1 C{cas}\r\nq\r\nms k 1 MX\r\nq\r\nmg k v\r\n");

        Assert.That(replies, Is.EqualTo(
            "NS\r\nHD\r\nHD\r\nNS\r\nEX\r\nCLIENT_ERROR invalid mode for ms M token\r\nVA 3\r\nyaz\r\n"));
    }

    [Test]
    public void Deletes_with_md_and_stays_quiet_about_nominal_answers()
    {
        _client.Send("ms k 1\r\na\r\n");

        var replies = _client.Send("md k q\r\nmd k q\r\nmd k\r\nmn\r\n");

        Assert.That(replies, Is.EqualTo("NF\r\nMN\r\n"));
    }

    [Test]
    public void Counts_with_ma_creating_the_counter_on_a_miss_when_asked()
    {
        var replies = _client.Send("ma n\r\nma n N0 J10 v\r\nma n D5 v\r\nma n MD D100 v t\r\n");

        Assert.That(replies, Is.EqualTo("NF\r\nVA 2\r\n10\r\nVA 2\r\n15\r\nVA 1 t-1\r\n0\r\n"));
    }

    [Test]
    public void Hands_the_win_token_for_an_invalidated_item_to_one_client_only()
    {
        _client.Send("ms k 3 T60\r\nold\r\n");

        var invalidated = _client.Send("md k I\r\n");
        var first = _client.Send("mg k v\r\n");
        var second = _client.Send("mg k v\r\n");
        _client.Send("ms k 3 T60\r\nnew\r\n");
        var recached = _client.Send("mg k v\r\n");

        Assert.That(invalidated, Is.EqualTo("HD\r\n"));
        Assert.That(first, Is.EqualTo("VA 3 X W\r\nold\r\n"));
        Assert.That(second, Is.EqualTo("VA 3 Z X\r\nold\r\n"));
        Assert.That(recached, Is.EqualTo("VA 3\r\nnew\r\n"));
    }

    [Test]
    public void Vivifies_a_miss_so_only_the_first_client_recomputes()
    {
        var first = _client.Send("mg k v N30\r\n");
        var second = _client.Send("mg k v N30\r\n");

        Assert.That(first, Is.EqualTo("VA 0 W\r\n\r\n"));
        Assert.That(second, Is.EqualTo("VA 0 Z\r\n\r\n"));
    }

    [Test]
    public void Offers_an_early_recache_when_the_ttl_falls_under_R()
    {
        _client.Send("ms k 1 T100\r\na\r\n");

        var early = _client.Send("mg k R30 v\r\n");
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(80).Ticks);
        var late = _client.Send("mg k R30 v\r\n");
        var again = _client.Send("mg k R30 v\r\n");

        Assert.That(early, Is.EqualTo("VA 1\r\na\r\n"));
        Assert.That(late, Is.EqualTo("VA 1 W\r\na\r\n"));
        Assert.That(again, Is.EqualTo("VA 1 Z\r\na\r\n"));
    }

    [Test]
    public void Reads_and_returns_a_base64_key()
    {
        var set = _client.Send("ms Zm9v 1 b\r\na\r\n");
        var get = _client.Send("mg Zm9v b k v\r\nget foo\r\n");

        Assert.That(set, Is.EqualTo("HD\r\n"));
        Assert.That(get, Is.EqualTo("VA 1 b kZm9v\r\na\r\nVALUE foo 0 1\r\na\r\nEND\r\n"));
    }

    [Test]
    public void Updates_the_ttl_on_a_get_with_T()
    {
        _client.Send("ms k 1 T5\r\na\r\n");

        var touched = _client.Send("mg k T100 t\r\n");
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(50).Ticks);
        var later = _client.Send("mg k v\r\nme k\r\n");

        Assert.That(touched, Is.EqualTo("HD t100\r\n"));
        Assert.That(later, Does.StartWith("VA 1\r\na\r\nME k exp=50 "));
    }

    [Test]
    public void Rejects_a_non_numeric_token_and_goes_on()
    {
        var replies = _client.Send("mg k Tabc\r\nmn\r\n");

        Assert.That(replies, Is.EqualTo("CLIENT_ERROR bad token in command line format\r\nMN\r\n"));
    }
}
