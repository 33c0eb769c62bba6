using NUnit.Framework;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>
/// The key commands every collection type goes through (TYPE, SCAN TYPE, COPY, RENAME, MOVE, expiry, MEMORY USAGE,
/// DUMP and RESTORE, DEL and UNLINK, the flushes), shown with a list; sets and sorted sets take the same paths.
/// </summary>
public sealed class CollectionPlumbingSpecs : RedisSessionSpec
{
    // DUMP of RPUSH l a b c here: RDB_TYPE_LIST (1), three strings, RDB version 10, CRC-64. redis-server 7.0.15
    // restores it as a list of a, b, c (checked by hand: RESTORE x 0 <this> then LRANGE x 0 -1).
    private const string ListPayload = "01030161016201630a0092c37830ad7ad276";

    // DUMP of the same list by redis-server 7.0.15: a quicklist of listpacks (RDB_TYPE_LIST_QUICKLIST_2), not read here.
    private const string RedisQuicklistPayload = "12010210100000000300816102816202816302ff0a00c818b90c9533529e";

    [Test]
    public void Names_a_list_in_TYPE_and_filters_SCAN_by_it()
    {
        Client.Send("RPUSH", "l", "a");
        Client.Send("SET", "s", "v");

        Assert.That(Client.Send("TYPE", "l"), Is.EqualTo("+list\r\n"));
        Assert.That(Client.Send("SCAN", "0", "TYPE", "list"), Is.EqualTo("*2\r\n$1\r\n0\r\n*1\r\n$1\r\nl\r\n"));
        Assert.That(Client.Send("SCAN", "0", "TYPE", "set"), Is.EqualTo("*2\r\n$1\r\n0\r\n*0\r\n"));
    }

    [Test]
    public void Dumps_a_list_in_the_legacy_encoding_and_restores_it()
    {
        Client.Send("RPUSH", "l", "a", "b", "c");

        Assert.That(Convert.ToHexStringLower(Dump("l")), Is.EqualTo(ListPayload));
        Assert.That(Restore("copy", Convert.FromHexString(ListPayload)), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("TYPE", "copy"), Is.EqualTo("+list\r\n"));
        Assert.That(Convert.ToHexStringLower(Dump("copy")), Is.EqualTo(ListPayload));
    }

    [Test]
    public void Refuses_redis_servers_own_list_encoding_as_bad_data()
    {
        Assert.That(Restore("l", Convert.FromHexString(RedisQuicklistPayload)), Is.EqualTo("-ERR Bad data format\r\n"));
        Assert.That(Client.Send("EXISTS", "l"), Is.EqualTo(":0\r\n"));
    }

    [Test]
    public void Copies_a_list_as_an_independent_value_and_renames_and_moves_it_with_its_expiry()
    {
        Client.Send("RPUSH", "l", "a", "b", "c");
        Client.Send("EXPIRE", "l", "100");

        Assert.That(Client.Send("COPY", "l", "c"), Is.EqualTo(":1\r\n"));
        Client.Send("RPUSH", "c", "d");
        Assert.That(Convert.ToHexStringLower(Dump("l")), Is.EqualTo(ListPayload), "the source is untouched by a push to its copy");
        Assert.That(Client.Send("RENAME", "l", "r"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("TTL", "r"), Is.EqualTo(":100\r\n"));
        Assert.That(Client.Send("MOVE", "r", "1"), Is.EqualTo(":1\r\n"));
        Client.Send("SELECT", "1");
        Assert.That(Client.Send("TYPE", "r"), Is.EqualTo("+list\r\n"));
        Assert.That(Client.Send("TTL", "r"), Is.EqualTo(":100\r\n"));
    }

    [Test]
    public void Expires_a_list_when_due_and_counts_it_in_MEMORY_USAGE()
    {
        Client.Send("RPUSH", "l", "a", "b", "c");
        Client.Send("PEXPIRE", "l", "1000");
        var usage = Client.Send("MEMORY", "USAGE", "l");

        Redis.Scheduler.AdvanceBy(TimeSpan.FromMilliseconds(1001).Ticks);

        Assert.That(usage, Does.StartWith(":"));
        Assert.That(long.Parse(usage[1..^2], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(3));
        Assert.That(Client.Send("TYPE", "l"), Is.EqualTo("+none\r\n"));
    }

    [Test]
    public void Deletes_and_unlinks_lists_and_flushes_in_either_mode()
    {
        Client.Send("RPUSH", "a", "1");
        Client.Send("RPUSH", "b", "1");
        Client.Send("RPUSH", "c", "1");

        Assert.That(Client.Send("DEL", "a", "missing"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("UNLINK", "b", "a"), Is.EqualTo(":1\r\n"));
        Assert.That(Client.Send("FLUSHDB", "SYNC"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("FLUSHALL", "ASYNC"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("FLUSHALL", "LAZY"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("FLUSHALL", "ASYNC", "SYNC"), Is.EqualTo("-ERR syntax error\r\n"));
        Assert.That(Client.Send("DBSIZE"), Is.EqualTo(":0\r\n"));
    }

    [TestCase("lazyfree-lazy-user-del")]
    [TestCase("lazyfree-lazy-user-flush")]
    [TestCase("lazyfree-lazy-server-del")]
    [TestCase("lazyfree-lazy-expire")]
    [TestCase("lazyfree-lazy-eviction")]
    public void Accepts_and_remembers_each_lazyfree_switch(string name)
    {
        var before = Client.Send("CONFIG", "GET", name);

        Assert.That(Client.Send("CONFIG", "SET", name, "yes"), Is.EqualTo("+OK\r\n"));
        Assert.That(Client.Send("CONFIG", "SET", name, "maybe"), Is.EqualTo($"-ERR CONFIG SET failed (possibly related to argument '{name}') - argument must be 'yes' or 'no'\r\n"));

        Assert.That(before, Is.EqualTo($"*2\r\n${name.Length}\r\n{name}\r\n$2\r\nno\r\n"));
        Assert.That(Client.Send("CONFIG", "GET", name), Is.EqualTo($"*2\r\n${name.Length}\r\n{name}\r\n$3\r\nyes\r\n"));
    }

    private byte[] Dump(string key)
    {
        var reply = Client.Send("DUMP", key);
        var header = reply.IndexOf("\r\n", StringComparison.Ordinal);
        return System.Text.Encoding.Latin1.GetBytes(reply[(header + 2)..^2]);
    }

    private string Restore(string key, byte[] payload) =>
        Client.Send("RESTORE", key, "0", System.Text.Encoding.Latin1.GetString(payload));
}
