using System.Text;
using CsCheck;
using NUnit.Framework;
using ReactiveCache.Specs.Support;
using static ReactiveCache.Specs.Support.DumpSeal;

namespace ReactiveCache.Specs.Commands.Redis;

/// <summary>
/// RESTORE of any body under a valid trailer (RDB version and the right CRC-64, so the decoder itself is what is
/// tried): a reply, never an exception; memory in proportion to the payload, whatever lengths it claims; and a key
/// that RESTORE answered OK for is a string or hash that every reading command answers for, and DUMPs back to itself.
/// </summary>
public sealed class RestoreProperties
{
    private static readonly byte[][] s_seeds = Seeds();

    private static readonly string[][] s_options =
    [
        ["0"], ["0", "REPLACE"], ["100000"], ["9223372036854775807", "ABSTTL"], ["0", "IDLETIME", "5"],
        ["0", "FREQ", "255", "REPLACE"], ["9223372036854775807"], ["1", "ABSTTL", "REPLACE"],
    ];

    // A mutation: length rewrites weigh most, and half the positions fall in the first bytes, where the type, the
    // lengths and a listpack's header are.
    private static readonly Gen<(int Kind, int Position, int Value)> s_mutation = Gen.Select(
        Gen.Frequency((4, Gen.Const(2)), (6, Gen.Int[0, 6])),
        Gen.OneOf(Gen.Int[0, 12], Gen.Int[0, 100_000]),
        Gen.Int[0, 255]);

    // A real DUMP output (or Redis's own) with up to five mutations, or a type byte and random bytes.
    private static readonly Gen<byte[]> s_mutated = Gen.Select(
        Gen.Int[0, s_seeds.Length - 1],
        s_mutation.Array[0, 5],
        (seed, mutations) =>
        {
            var body = s_seeds[seed].ToList();
            foreach (var (kind, position, value) in mutations)
            {
                DumpSeeds.Mutate(body, kind, position, value);
            }

            return body.ToArray();
        });

    private static readonly Gen<byte[]> s_random = Gen.Select(Gen.Int[0, 2].Select(i => new byte[] { 0x00, 0x04, 0x10 }[i]), Gen.Byte.Array[0, 40], (type, rest) => (byte[])[type, .. rest]);

    private static readonly Gen<(byte[] Body, int Options)> s_restores = Gen.Select(Gen.Frequency((5, s_mutated), (1, s_random)), Gen.Int[0, s_options.Length - 1]);

    [Test]
    public void Answers_every_sealed_payload_and_restores_only_readable_keys()
    {
        var restoredTypes = new HashSet<string>();
        s_restores.Array[1, 4].Sample(restores =>
        {
            using var redis = new RedisHarness();
            var client = redis.Connect();
            foreach (var (body, options) in restores)
            {
                var payload = Seal(body);
                var before = GC.GetAllocatedBytesForCurrentThread();
                var reply = client.Send(["RESTORE", "k", .. s_options[options][..1], Encoding.Latin1.GetString(payload), .. s_options[options][1..]]);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

                Assert.That(reply, Does.StartWith("+OK\r\n").Or.StartWith("-"), Convert.ToHexString(payload));
                Assert.That(allocated, Is.LessThan((1 << 20) + (200L * payload.Length)), "bytes one RESTORE allocated: " + Convert.ToHexString(payload));
                if (reply == "+OK\r\n" && client.Send("EXISTS", "k") == ":1\r\n")
                {
                    restoredTypes.Add(AssertReadable(client, Convert.ToHexString(payload)));
                }
            }
        }, iter: 6000, threads: 1);

        Assert.That(restoredTypes, Is.SupersetOf(new[] { "+string\r\n", "+hash\r\n" }), "the mutated payloads restore some strings and hashes, not only errors");
        Assert.That(restoredTypes, Is.SubsetOf(new[] { "+string\r\n", "+hash\r\n", "+list\r\n", "+set\r\n", "+zset\r\n" }));
    }

    /// <summary>Reads the restored key every way there is; returns its TYPE.</summary>
    private static string AssertReadable(RedisHarness.Client client, string payload)
    {
        var type = client.Send("TYPE", "k");
        var read = type switch
        {
            "+string\r\n" => new[] { "GET", "k" },
            "+hash\r\n" => ["HGETALL", "k"],

            // A collection's every element is read back by DUMP (a restored list is never empty).
            "+list\r\n" or "+set\r\n" or "+zset\r\n" => ["DUMP", "k"],
            _ => throw new AssertionException($"TYPE answered {type} for {payload}"),
        };
        var value = client.Send(read);
        Assert.That(value, Does.StartWith(type is "+string\r\n" or "+list\r\n" or "+set\r\n" or "+zset\r\n" ? "$" : "*").And.Not.StartWith("*0\r\n"), payload);
        if (type == "+hash\r\n")
        {
            Assert.That(client.Send("HLEN", "k"), Does.Match(@"^:[1-9]\d*\r\n$"), payload);
            Assert.That(client.Send("HRANDFIELD", "k", "-3", "WITHVALUES"), Does.StartWith("*6\r\n"), payload);
            Assert.That(client.Send("HSCAN", "k", "0", "COUNT", "1000"), Does.StartWith("*2\r\n$1\r\n0\r\n"), payload);
        }

        Assert.That(client.Send("OBJECT", "ENCODING", "k"), Does.StartWith("$"), payload);
        Assert.That(client.Send("MEMORY", "USAGE", "k"), Does.StartWith(":"), payload);

        // What was restored DUMPs to a payload that restores to the same value.
        var dumped = Bulk(client.Send("DUMP", "k"));
        Assert.That(client.Send("RESTORE", "copy", "0", dumped, "REPLACE"), Is.EqualTo("+OK\r\n"), payload);
        Assert.That(client.Send([read[0], "copy"]), Is.EqualTo(value), payload);
        return type;
    }

    private static string Bulk(string reply) => reply[(reply.IndexOf('\n') + 1)..^2];

    // DUMP outputs of strings and hashes small enough for a listpack and past it, Redis 7.0's own, and a listpack
    // with every entry encoding.
    private static byte[][] Seeds()
    {
        using var redis = new RedisHarness();
        var client = redis.Connect();
        client.Send("SET", "empty", "");
        client.Send("SET", "text", "abc");
        client.Send("SET", "number", "-9223372036854775808");
        client.Send("SET", "long", new string('x', 100));
        client.Send("HSET", "small", "a", "1", "b", "2", "n", "-4096");
        client.Send("HSET", "wide", "a", "1", "w", new string('w', 100));
        client.Send(["HSET", "large", .. Enumerable.Range(0, 150).SelectMany(i => new[] { $"f{i}", $"{i}" })]);
        var ours = new[] { "empty", "text", "number", "long", "small", "wide", "large" }
            .Select(key => Body(Encoding.Latin1.GetBytes(Bulk(client.Send("DUMP", key)))));
        return
        [
            .. ours,
            Body(Convert.FromHexString(DumpCommandSpecs.RedisHashPayload)),
            Body(Convert.FromHexString(DumpCommandSpecs.RedisStringPayload)),
            DumpSeeds.EveryListpackEncoding(),
            DumpSeeds.CompressedListpack(),
            DumpSeeds.CompressedString(),
        ];
    }
}
