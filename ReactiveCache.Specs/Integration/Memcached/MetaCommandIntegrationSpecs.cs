using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Memcached;

/// <summary>The meta commands over real sockets, including stale-while-revalidate across two clients.</summary>
public sealed class MetaCommandIntegrationSpecs : MemcachedServerSpec
{
    [Test]
    public async Task Pipelines_quiet_meta_commands_and_ends_them_with_MN()
    {
        await using var client = await LineClient.ConnectAsync(Memcached);

        await client.SendAsync("ms pipe:a 1 q\r\na\r\nms pipe:b 1 q\r\nb\r\nmg pipe:a v q k\r\nmg pipe:none v q\r\nmg pipe:b v q k\r\nmn\r\n");
        var lines = await client.ReadUntilAsync("MN");

        Assert.That(lines, Is.EqualTo(new[] { "VA 1 kpipe:a", "a", "VA 1 kpipe:b", "b", "MN" }));
    }

    [Test]
    public async Task Gives_the_win_token_of_an_invalidated_key_to_exactly_one_of_two_clients()
    {
        await using var first = await LineClient.ConnectAsync(Memcached);
        await using var second = await LineClient.ConnectAsync(Memcached);
        await first.SendAsync("ms swr:k 3 T60\r\nold\r\nmd swr:k I\r\n");
        await first.ReadUntilAsync("HD");
        await first.ReadUntilAsync("HD");

        await first.SendAsync("mg swr:k v c\r\n");
        var winner = await first.ReadLineAsync();
        await first.ReadLineAsync();
        await second.SendAsync("mg swr:k v\r\n");
        var loser = await second.ReadLineAsync();

        Assert.That(winner, Does.Match(@"^VA 3 c[1-9][0-9]* X W$"));
        Assert.That(loser, Is.EqualTo("VA 3 Z X"));
    }
}
