using System.Globalization;
using System.Text;
using Microsoft.Reactive.Testing;
using NUnit.Framework;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Integration.Resp;

/// <summary>
/// LRANGE 0 -1 of a list of a million elements over a real socket: the whole list arrives in order, and while its
/// reply is built and waits for its reader (Commands/Redis/BigReply.cs), another connection is answered.
/// </summary>
[Category("Integration")]
public sealed class BigListReplySocketSpecs : ReactiveTest
{
    private const int Elements = 1_000_000;

    // Four RPUSH requests of 250,000 elements each stay under the 1,048,576 arguments a request may carry.
    private const int Batch = 250_000;

    [Test]
    public async Task Answers_LRANGE_of_a_million_elements_in_order_while_another_client_gets_its_PONG()
    {
        await using var server = RespServer.Start();
        await using var reader = await RawRespClient.ConnectAsync(server.EndPoint);
        await using var other = await RawRespClient.ConnectAsync(server.EndPoint);
        await FillAsync(reader);

        await reader.SendAsync(Command("LRANGE", "big", "0", "-1") + Command("PING"));
        await other.SendAsync(Command("PING"));

        Assert.That(await other.ReceiveAsync("+PONG\r\n"), Is.EqualTo("+PONG\r\n"), "answered before the big reply is read");
        var expected = Reply() + "+PONG\r\n";
        var received = await reader.ReceiveAsync(expected);
        Assert.That(received.Length, Is.EqualTo(expected.Length));
        Assert.That(received == expected, Is.True, "every element, in the order pushed, then the PING behind it");
    }

    private static async Task FillAsync(RawRespClient client)
    {
        for (var start = 0; start < Elements; start += Batch)
        {
            await client.SendAsync(Command(["RPUSH", "big", .. Enumerable.Range(start, Batch).Select(Element)]));
            var length = $":{start + Batch}\r\n";
            Assert.That(await client.ReceiveAsync(length), Is.EqualTo(length));
        }
    }

    private static string Element(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Reply()
    {
        var reply = new StringBuilder(16 * Elements).Append('*').Append(Elements).Append("\r\n");
        for (var i = 0; i < Elements; i++)
        {
            var element = Element(i);
            reply.Append('$').Append(element.Length).Append("\r\n").Append(element).Append("\r\n");
        }

        return reply.ToString();
    }

    private static string Command(params string[] words)
    {
        var command = new StringBuilder().Append('*').Append(words.Length).Append("\r\n");
        foreach (var word in words)
        {
            command.Append('$').Append(Encoding.Latin1.GetByteCount(word)).Append("\r\n").Append(word).Append("\r\n");
        }

        return command.ToString();
    }
}
