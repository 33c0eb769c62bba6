using System.Text;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>
/// Replies of more than 1024 elements are encoded off the socket's thread (Commands/Redis/BigReply.cs): the client's
/// next commands still answer after it, in order, and another client is answered meanwhile.
/// </summary>
[Category("Integration")]
public sealed class BigReplySocketSpecs : ReactiveTest
{
    private const int Fields = 3000;

    [Test]
    public async Task Answers_GETs_pipelined_behind_a_big_HGETALL_after_it_in_order()
    {
        await using var server = RespServer.Start();
        await using var client = await RawRespClient.ConnectAsync(server.EndPoint);
        await FillAsync(client);

        await client.SendAsync(Command("HGETALL", "big") + string.Concat(Enumerable.Range(0, 200).Select(i => Command("GET", "k"))) + Command("PING"));

        var expected = HashReply() + string.Concat(Enumerable.Repeat("$1\r\nv\r\n", 200)) + "+PONG\r\n";
        Assert.That(await client.ReceiveAsync(expected), Is.EqualTo(expected));
    }

    [Test]
    public async Task Answers_big_KEYS_HKEYS_and_HVALS_in_full_and_inline_inside_EXEC()
    {
        await using var server = RespServer.Start();
        await using var client = await RawRespClient.ConnectAsync(server.EndPoint);
        await FillAsync(client);

        await client.SendAsync(Command("HKEYS", "big") + Command("HVALS", "big") + Command("MULTI") + Command("HKEYS", "big") + Command("EXEC"));

        var names = Array(Enumerable.Range(0, Fields).Select(Field));
        var values = Array(Enumerable.Range(0, Fields).Select(Value));
        var expected = names + values + "+OK\r\n+QUEUED\r\n*1\r\n" + names;
        Assert.That(await client.ReceiveAsync(expected), Is.EqualTo(expected));
    }

    [Test]
    public async Task Matches_KEYS_over_a_big_keyspace_after_the_lock()
    {
        await using var server = RespServer.Start();
        await using var client = await RawRespClient.ConnectAsync(server.EndPoint);
        await client.SendAsync(string.Concat(Enumerable.Range(0, 2000).Select(i => Command("SET", $"key:{i:D4}", "v"))));
        await client.ReceiveAsync(string.Concat(Enumerable.Repeat("+OK\r\n", 2000)));

        await client.SendAsync(Command("KEYS", "key:1*5") + Command("DBSIZE"));

        var matching = Enumerable.Range(0, 2000).Select(i => $"key:{i:D4}").Where(key => key.StartsWith("key:1", StringComparison.Ordinal) && key.EndsWith('5'));
        var expected = Array(matching) + ":2000\r\n";
        Assert.That(Sorted(await client.ReceiveAsync(expected)), Is.EqualTo(Sorted(expected)));
    }

    [Test]
    public async Task Answers_another_client_while_one_does_not_read_its_big_reply()
    {
        await using var server = RespServer.Start();
        await using var stalled = await RawRespClient.ConnectAsync(server.EndPoint);
        await using var other = await RawRespClient.ConnectAsync(server.EndPoint);
        await FillAsync(stalled);

        // Megabytes of replies the stalled client never reads: its socket's buffers fill and its flush waits.
        await stalled.SendAsync(string.Concat(Enumerable.Repeat(Command("HGETALL", "big"), 100)));
        await other.SendAsync(Command("GET", "k") + Command("HLEN", "big"));

        Assert.That(await other.ReceiveAsync($"$1\r\nv\r\n:{Fields}\r\n"), Is.EqualTo($"$1\r\nv\r\n:{Fields}\r\n"));
    }

    private static async Task FillAsync(RawRespClient client)
    {
        var fill = new StringBuilder();
        for (var start = 0; start < Fields; start += 500)
        {
            fill.Append(Command(["HSET", "big", .. Enumerable.Range(start, 500).SelectMany(i => new[] { Field(i), Value(i) })]));
        }

        await client.SendAsync(fill + Command("SET", "k", "v"));
        var filled = string.Concat(Enumerable.Repeat(":500\r\n", Fields / 500)) + "+OK\r\n";
        Assert.That(await client.ReceiveAsync(filled), Is.EqualTo(filled));
    }

    private static string Field(int i) => $"f:{i:D5}";

    private static string Value(int i) => $"value {i}";

    private static string HashReply() =>
        Array(Enumerable.Range(0, Fields).SelectMany(i => new[] { Field(i), Value(i) }));

    private static string Array(IEnumerable<string> items)
    {
        var list = items.ToList();
        return $"*{list.Count}\r\n" + string.Concat(list.Select(item => $"${item.Length}\r\n{item}\r\n"));
    }

    private static string Sorted(string reply) => string.Join("|", reply.Split("\r\n").Order(StringComparer.Ordinal));

    private static string Command(params string[] words) =>
        $"*{words.Length}\r\n" + string.Concat(words.Select(word => $"${Encoding.Latin1.GetByteCount(word)}\r\n{word}\r\n"));
}
