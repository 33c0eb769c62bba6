using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Store;

/// <summary>
/// The change stream is exactly what happened to the store, one change per key a command touches, saying what it
/// did, and the same event has the same kind whichever protocol caused it.
/// </summary>
public sealed class OneChangePerCommandSpecs
{
    private RedisHarness _redis = null!;
    private MemcachedHarness _memcached = null!;
    private NativeHarness _native = null!;
    private List<CacheChange> _changes = null!;
    private IDisposable _subscription = null!;

    [SetUp]
    public void SetUp()
    {
        _redis = new RedisHarness();
        _memcached = new MemcachedHarness(_redis.Store);
        _native = new NativeHarness(store: _redis.Store, scheduler: _redis.Scheduler);
        _changes = [];
        _subscription = _redis.Store.Changes.Subscribe(_changes.Add);
    }

    [TearDown]
    public void TearDown()
    {
        _subscription.Dispose();
        _native.Dispose();
        _redis.Dispose();
    }

    private DateTimeOffset Now => _redis.Scheduler.Now;

    [Test]
    public void SET_with_EX_is_one_change_that_sets_the_value_and_the_expiry()
    {
        _redis.Connect().Send("SET", "k", "v", "EX", "10");

        Assert.That(_changes, Has.Count.EqualTo(1));
        var change = _changes[0];
        Assert.Multiple(() =>
        {
            Assert.That(change.Kind, Is.EqualTo(ChangeKind.Added));
            Assert.That(change.Operations, Is.EqualTo(ChangeOperations.ValueSet | ChangeOperations.ExpiryChanged));
            Assert.That(change.ValueText, Is.EqualTo("v"));
            Assert.That(change.ExpiresAt, Is.EqualTo(Now.AddSeconds(10)));
        });
    }

    [Test]
    public void A_change_of_the_expiry_alone_carries_no_value_through_every_protocol()
    {
        _redis.Store.Set("k", "a value");
        _changes.Clear();

        _redis.Connect().Send("EXPIRE", "k", "100");
        _memcached.Send("touch k 200\r\n");
        _native.Send("EXPIRE k 300");
        _redis.Connect().Send("PERSIST", "k");

        Assert.That(_changes.Select(change => (change.Operations, change.Value, change.ExpiresAt)), Is.EqualTo(new[]
        {
            (ChangeOperations.ExpiryChanged, (byte[]?)null, (DateTimeOffset?)Now.AddSeconds(100)),
            (ChangeOperations.ExpiryChanged, null, Now.AddSeconds(200)),
            (ChangeOperations.ExpiryChanged, null, Now.AddSeconds(300)),
            (ChangeOperations.ExpiryChanged, null, null),
        }));
    }

    [Test]
    public void An_expiry_already_past_is_Expired_whichever_protocol_gave_it()
    {
        foreach (var key in new[] { "redis", "memcached", "native" })
        {
            _redis.Store.Set(key, "v");
        }

        _changes.Clear();
        _redis.Connect().Send("EXPIRE", "redis", "-1");
        _memcached.Send("touch memcached -1\r\n");
        _native.Send("EXPIRE native 0");

        Assert.That(_changes.Select(change => (change.KeyText, change.Kind, change.Operations)), Is.EqualTo(new[]
        {
            ("redis", ChangeKind.Expired, ChangeOperations.KeyRemoved),
            ("memcached", ChangeKind.Expired, ChangeOperations.KeyRemoved),
            ("native", ChangeKind.Expired, ChangeOperations.KeyRemoved),
        }));
    }

    [Test]
    public void A_memcached_invalidation_is_a_change_of_its_marks_and_keeps_the_value_and_CAS()
    {
        _memcached.Send("set k 5 0 1\r\nv\r\n");
        var version = _changes.Single().Sequence;
        _changes.Clear();

        var reply = _memcached.Send("md k I\r\nmg k c v\r\n");

        Assert.That(reply, Is.EqualTo($"HD\r\nVA 1 c{version} X W\r\nv\r\n"));
        Assert.That(_changes.Select(change => (change.Operations, change.Memcached)), Is.EqualTo(new[]
        {
            (ChangeOperations.MetadataChanged, new MemcachedMetadata(5, Stale: true)),
            (ChangeOperations.MetadataChanged, new MemcachedMetadata(5, Stale: true, WinTokenSent: true)),
        }));
    }

    [Test]
    public void A_Redis_write_keeps_the_memcached_flags_it_never_set_and_clears_the_marks()
    {
        _memcached.Send("set k 42 0 1\r\nv\r\nmd k I\r\n");

        _redis.Connect().Send("SET", "k", "from redis");

        Assert.That(_memcached.Send("mg k f v\r\n"), Is.EqualTo("VA 10 f42\r\nfrom redis\r\n"));
        Assert.That(_changes.Last().Memcached, Is.EqualTo(new MemcachedMetadata(42)));
    }

    [Test]
    public void Every_protocol_answers_a_hash_key_with_a_wrong_type_error_and_goes_on()
    {
        _redis.Store.SetField("h", "f", "v");

        Assert.Multiple(() =>
        {
            Assert.That(_redis.Connect().Send("GET", "h"), Is.EqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"));
            Assert.That(_redis.Connect().Send("APPEND", "h", "x"), Does.StartWith("-WRONGTYPE"));
            Assert.That(_memcached.Send("get h\r\nappend h 0 0 1\r\nx\r\nincr h 1\r\nversion\r\n"), Is.EqualTo(
                "CLIENT_ERROR wrong type: the key holds a hash, not a value\r\n"
                + "CLIENT_ERROR wrong type: the key holds a hash, not a value\r\n"
                + "CLIENT_ERROR wrong type: the key holds a hash, not a value\r\n"
                + "VERSION 1.6.21-reactivecache\r\n"));
            Assert.That(_native.Send("GET h", "PING"), Is.EqualTo("ERR wrong type: the key holds a hash, not a string\r\nPONG\r\n"));
            Assert.That(() => _redis.Store.Get("h"), Throws.TypeOf<WrongTypeException>());
            Assert.That(_redis.Store.GetField("h", "f"), Is.EqualTo("v"));
        });
    }

    [Test]
    public void Overwriting_a_hash_with_SET_or_a_memcached_set_is_allowed_as_in_Redis()
    {
        _redis.Store.SetField("h", "f", "v");
        _memcached.Send("set h 0 0 1\r\ns\r\n");

        Assert.That(_redis.Store.Get("h"), Is.EqualTo("s"));
        Assert.That(_redis.Store.TypeOf("h"), Is.EqualTo(ValueKind.String));
    }

    [Test]
    public void Setting_fields_is_one_change_carrying_only_those_fields_and_deleting_the_last_one_removes_the_key()
    {
        _redis.Store.SetFields("h", [new("a", "1"), new("b", "2")]);
        _redis.Store.SetField("h", "c", "3");
        _redis.Store.DeleteFields("h", "a", "missing");
        _redis.Store.DeleteFields("h", "b", "c");

        Assert.That(_changes.Select(Describe), Is.EqualTo(new[]
        {
            "Added FieldsSet a=1 b=2",
            "Updated FieldsSet c=3",
            "Updated FieldsDeleted a",
            "Removed FieldsDeleted, KeyRemoved b c",
        }));
        Assert.That(_redis.Store.TypeOf("h"), Is.Null);
    }

    [Test]
    public void A_snapshot_carries_a_copy_of_the_hash_that_later_writes_do_not_change()
    {
        _redis.Store.SetFields("h", [new("a", "1")]);
        ChangeBatch? snapshot = null;
        using var connection = _redis.Store.Connect().Subscribe(batch => snapshot ??= batch);

        _redis.Store.SetField("h", "b", "2");

        var change = snapshot!.Changes.Single();
        Assert.That(change.Type, Is.EqualTo(ValueKind.Hash));
        Assert.That(change.Fields!.Select(field => $"{field.NameText}={field.ValueText}"), Is.EqualTo(new[] { "a=1" }));
    }

    [Test]
    public void Watching_one_hash_shows_its_fields_first_and_then_each_change_of_them()
    {
        _redis.Store.SetFields("h", [new("a", "1")]);
        var seen = new List<string>();
        using var watch = _redis.Store.Watch("h").Subscribe(change => seen.Add(Describe(change)));

        _redis.Connect().Send("HSET", "h", "b", "2");
        _redis.Connect().Send("HINCRBY", "h", "a", "41");
        _redis.Connect().Send("HDEL", "h", "a", "b");

        Assert.That(seen, Is.EqualTo(new[]
        {
            "Added ValueSet a=1",
            "Updated FieldsSet b=2",
            "Updated FieldsSet a=42",
            "Removed FieldsDeleted, KeyRemoved a b",
        }));
    }

    [Test]
    public void Writing_a_key_found_past_its_expiry_expires_it_first_so_the_write_creates_it_afresh()
    {
        _memcached.Send("set k 7 5 1\r\nv\r\n");
        _redis.Scheduler.AdvanceBy(TimeSpan.FromSeconds(5).Ticks - 1);
        _redis.Scheduler.Sleep(1); // the clock passes the expiry without the expiry timer running
        _changes.Clear();

        _redis.Connect().Send("SET", "k", "fresh");

        Assert.That(_changes.Select(change => (change.Kind, change.Memcached)), Is.EqualTo(new[]
        {
            (ChangeKind.Expired, (MemcachedMetadata?)new MemcachedMetadata(7)),
            (ChangeKind.Added, null),
        }));
    }

    [TestCase("mg k N30 T60 v\r\n", false)]
    [TestCase("mg k T5 R30 v\r\n", true)]
    public void A_meta_get_that_touches_and_hands_out_a_token_is_one_change(string request, bool exists)
    {
        if (exists)
        {
            _memcached.Send("set k 0 10 1\r\nv\r\n");
            _changes.Clear();
        }

        _memcached.Send(request);

        Assert.That(_changes, Has.Count.EqualTo(1));
        Assert.That(_changes[0].Memcached?.WinTokenSent, Is.True);
        Assert.That(_changes[0].Has(ChangeOperations.ExpiryChanged), Is.True);
    }

    [Test]
    public void SET_EX_names_the_expiry_even_when_it_is_the_time_the_key_already_had()
    {
        var client = _redis.Connect();
        client.Send("MULTI");
        client.Send("SET", "k", "v", "EX", "10");
        client.Send("SET", "k", "v", "EX", "10");
        client.Send("EXEC");

        Assert.That(_changes.Select(change => change.Operations), Is.EqualTo(new[]
        {
            ChangeOperations.ValueSet | ChangeOperations.ExpiryChanged,
            ChangeOperations.ValueSet | ChangeOperations.ExpiryChanged,
        }));
    }

    [Test]
    public void A_memcached_command_refused_for_a_hash_changes_nothing_and_what_was_committed_is_delivered()
    {
        _memcached.Send("set a 0 0 1\r\nv\r\nset e 0 1 1\r\nv\r\n");
        _redis.Store.SetField("h", "f", "v");
        _redis.Scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks - 1);
        _redis.Scheduler.Sleep(1); // e is past its time, and only a lookup will expire it
        _changes.Clear();

        var replies = _memcached.Send("gat 100 a h\r\nms h 1 C999 s\r\nx\r\nmd h I\r\nmd h x\r\nmg e v\r\n");

        Assert.That(replies, Is.EqualTo(string.Concat(Enumerable.Repeat("CLIENT_ERROR wrong type: the key holds a hash, not a value\r\n", 4)) + "EN\r\n"));
        Assert.That(_redis.Store.TimeToLive("a"), Is.Null, "the refused gat touched nothing");
        Assert.That(_redis.Store.GetField("h", "f"), Is.EqualTo("v"));
        Assert.That(_changes.Select(change => (change.KeyText, change.Kind)), Is.EqualTo(new[] { ("e", ChangeKind.Expired) }));
    }

    private static string Describe(CacheChange change) =>
        $"{change.Kind} {change.Operations} " + string.Join(' ', change.Fields!.Select(field => field.Value is null ? field.NameText : $"{field.NameText}={field.ValueText}"));
}
