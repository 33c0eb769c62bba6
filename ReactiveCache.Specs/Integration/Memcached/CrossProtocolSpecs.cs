using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Memcached;

/// <summary>One store behind every protocol: what memcached writes, the native protocol reads and watches.</summary>
public sealed class CrossProtocolSpecs : MemcachedServerSpec
{
    [Test]
    public async Task A_memcached_write_is_read_by_native_GET_and_a_native_PUT_by_memcached_get()
    {
        await using var memcached = await LineClient.ConnectAsync(Memcached);
        await using var native = await LineClient.ConnectAsync(Native);

        await memcached.SendAsync("set cross:a 5 0 4\r\nfrom\r\n");
        var stored = await memcached.ReadLineAsync();
        await native.SendAsync("GET cross:a\r\nPUT cross:b native\r\n");
        var nativeRead = await native.ReadLineAsync();
        var nativePut = await native.ReadLineAsync();
        await memcached.SendAsync("get cross:b\r\n");
        var memcachedRead = await memcached.ReadUntilAsync("END");

        Assert.That((stored, nativeRead, nativePut), Is.EqualTo(("STORED", "VALUE from", "OK")));
        Assert.That(memcachedRead, Is.EqualTo(new[] { "VALUE cross:b 0 6", "native", "END" }));
    }

    [Test]
    public async Task A_memcached_write_is_pushed_to_a_native_WATCH_and_the_change_stream()
    {
        await using var watcher = await LineClient.ConnectAsync(Native);
        await using var memcached = await LineClient.ConnectAsync(Memcached);
        await watcher.SendAsync("WATCH watched:*\r\n");
        var watching = await watcher.ReadLineAsync();
        var changes = Server.Store.Changes
            .Where(change => change.KeyText.StartsWith("watched:"))
            .Select(change => $"{change.Kind} {change.Reason} {change.ValueText}")
            .Take(3)
            .ToArray()
            .ToTask();

        await memcached.SendAsync("set watched:k 0 0 1\r\n1\r\nincr watched:k 41\r\ndelete watched:k\r\n");
        var replies = new[] { await memcached.ReadLineAsync(), await memcached.ReadLineAsync(), await memcached.ReadLineAsync() };
        var pushed = new[] { await watcher.ReadLineAsync(), await watcher.ReadLineAsync(), await watcher.ReadLineAsync() };

        Assert.That(watching, Does.Match(@"^WATCHING watched:\* [0-9]+$"));
        Assert.That(replies, Is.EqualTo(new[] { "STORED", "42", "DELETED" }));
        Assert.That(pushed.Select(line => string.Join(' ', line!.Split(' ').Where((_, index) => index != 1))),
            Is.EqualTo(new[] { "CHANGE set watched:k 1", "CHANGE set watched:k 42", "CHANGE del watched:k" }));
        Assert.That(await changes.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(new[] { "Added Set 1", "Updated Increment 42", "Removed Delete " }));
    }
}
