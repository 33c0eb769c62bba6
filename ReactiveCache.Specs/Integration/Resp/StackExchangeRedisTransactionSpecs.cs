using NUnit.Framework;
using ReactiveCache.Specs.Support;
using StackExchange.Redis;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>
/// StackExchange.Redis's <c>CreateTransaction</c> with conditions: the client WATCHes each condition's key, reads
/// it, and sends MULTI/EXEC only if the condition held; a key changed in between makes EXEC abort. Checked
/// against redis-server 7.0.15 with REACTIVECACHE_SPECS_REDIS (see <see cref="RedisTarget"/>).
/// </summary>
[Category("Integration")]
public sealed class StackExchangeRedisTransactionSpecs : StackExchangeRedisFixture
{
    [Test]
    public async Task Commits_only_while_the_key_does_not_exist()
    {
        var first = Db.CreateTransaction();
        first.AddCondition(Condition.KeyNotExists("lock"));
        _ = first.StringSetAsync("lock", "first");
        _ = first.StringIncrementAsync("grants");
        var second = Db.CreateTransaction();
        second.AddCondition(Condition.KeyNotExists("lock"));
        _ = second.StringSetAsync("lock", "second");
        _ = second.StringIncrementAsync("grants");

        Assert.That(await first.ExecuteAsync(), Is.True);
        Assert.That(await second.ExecuteAsync(), Is.False);

        Assert.That((string?)await Db.StringGetAsync("lock"), Is.EqualTo("first"));
        Assert.That((int)await Db.StringGetAsync("grants"), Is.EqualTo(1));
    }

    [Test]
    public async Task Commits_only_while_the_string_has_the_expected_value()
    {
        await Db.StringSetAsync("version", "1");
        var stale = Db.CreateTransaction();
        stale.AddCondition(Condition.StringEqual("version", "0"));
        var staleSet = stale.StringSetAsync("version", "stale");
        _ = stale.StringSetAsync("document", "stale edit");
        var current = Db.CreateTransaction();
        current.AddCondition(Condition.StringEqual("version", "1"));
        var currentIncrement = current.StringIncrementAsync("version");

        Assert.That(await stale.ExecuteAsync(), Is.False);
        Assert.That(await current.ExecuteAsync(), Is.True);

        Assert.That(staleSet.IsCanceled, Is.True, "the commands of a transaction that did not run are cancelled");
        Assert.That(await currentIncrement, Is.EqualTo(2));
        Assert.That((string?)await Db.StringGetAsync("version"), Is.EqualTo("2"));
        Assert.That(await Db.KeyExistsAsync("document"), Is.False);
    }

    [Test]
    public async Task Commits_only_while_the_hash_field_has_the_expected_value()
    {
        await Db.HashSetAsync("order:1", [new("state", "open"), new("total", "10")]);
        var closeIfOpen = Db.CreateTransaction();
        closeIfOpen.AddCondition(Condition.HashEqual("order:1", "state", "open"));
        _ = closeIfOpen.HashSetAsync("order:1", "state", "closed");
        var addIfOpen = Db.CreateTransaction();
        addIfOpen.AddCondition(Condition.HashEqual("order:1", "state", "open"));
        _ = addIfOpen.HashIncrementAsync("order:1", "total", 5);

        Assert.That(await closeIfOpen.ExecuteAsync(), Is.True);
        Assert.That(await addIfOpen.ExecuteAsync(), Is.False);

        Assert.That((await Db.HashGetAllAsync("order:1")).ToStringDictionary(), Is.EquivalentTo(new Dictionary<string, string> { ["state"] = "closed", ["total"] = "10" }));
    }

    [Test]
    public async Task Commits_only_while_the_hash_field_is_missing()
    {
        var claim = Db.CreateTransaction();
        claim.AddCondition(Condition.HashNotExists("seats", "12A"));
        _ = claim.HashSetAsync("seats", "12A", "ada");
        _ = claim.StringIncrementAsync("bookings");
        var doubleBooking = Db.CreateTransaction();
        doubleBooking.AddCondition(Condition.HashNotExists("seats", "12A"));
        _ = doubleBooking.HashSetAsync("seats", "12A", "bob");
        _ = doubleBooking.StringIncrementAsync("bookings");

        Assert.That(await claim.ExecuteAsync(), Is.True);
        Assert.That(await doubleBooking.ExecuteAsync(), Is.False);

        Assert.That((string?)await Db.HashGetAsync("seats", "12A"), Is.EqualTo("ada"));
        Assert.That((int)await Db.StringGetAsync("bookings"), Is.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_optimistic_increments_from_several_clients_lose_no_update()
    {
        const int clients = 4;
        const int incrementsPerClient = 50;
        var multiplexers = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Target.ConnectAsync()));

        try
        {
            var aborts = await Task.WhenAll(multiplexers.Select(client => Task.Run(() => IncrementAsync(client.GetDatabase(), "counter", incrementsPerClient))));

            TestContext.Out.WriteLine($"{clients * incrementsPerClient} increments, {aborts.Sum()} aborted transactions retried");
            Assert.That((int)await Db.StringGetAsync("counter"), Is.EqualTo(clients * incrementsPerClient), $"{aborts.Sum()} transactions aborted and were retried");
        }
        finally
        {
            foreach (var multiplexer in multiplexers)
            {
                await multiplexer.DisposeAsync();
            }
        }
    }

    // Read, then write the value read plus one only if nobody changed it meanwhile (WATCH + GET + MULTI/SET/EXEC),
    // retrying on abort: the read-modify-write that INCR does for you, done the way an app does it for anything else.
    private static async Task<int> IncrementAsync(IDatabase db, string key, int times)
    {
        var aborts = 0;
        for (var done = 0; done < times;)
        {
            var seen = await db.StringGetAsync(key);
            var transaction = db.CreateTransaction();
            transaction.AddCondition(seen.IsNull ? Condition.KeyNotExists(key) : Condition.StringEqual(key, seen));
            _ = transaction.StringSetAsync(key, (seen.IsNull ? 0 : (int)seen) + 1);
            if (await transaction.ExecuteAsync())
            {
                done++;
            }
            else
            {
                aborts++;
            }
        }

        return aborts;
    }
}
