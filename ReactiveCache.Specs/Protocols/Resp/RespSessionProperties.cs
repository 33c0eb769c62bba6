using System.Text;
using CsCheck;
using NUnit.Framework;
using ReactiveCache.Commands.Redis;
using ReactiveCache.Protocols.Resp;
using ReactiveCache.Specs.Support;

namespace ReactiveCache.Specs.Protocols.Resp;

/// <summary>Any request a framer can cut becomes a reply, an error reply at worst, and never an exception.</summary>
public sealed class RespSessionProperties
{
    private static readonly string[] s_names =
    [
        "GET", "SET", "SETNX", "SETEX", "PSETEX", "GETSET", "GETDEL", "GETEX", "MGET", "MSET", "MSETNX", "INCR", "DECR", "INCRBY",
        "DECRBY", "INCRBYFLOAT", "APPEND", "STRLEN", "GETRANGE", "SUBSTR", "SETRANGE", "DEL", "EXISTS", "TYPE", "KEYS", "SCAN",
        "RANDOMKEY", "RENAME", "RENAMENX", "COPY", "TOUCH", "EXPIRE", "PEXPIRE", "EXPIREAT", "PEXPIREAT", "TTL", "PTTL",
        "EXPIRETIME", "PEXPIRETIME", "PERSIST", "DBSIZE", "FLUSHDB", "SELECT", "PING", "ECHO", "RESET", "AUTH", "HELLO",
        "CLIENT", "CONFIG", "COMMAND", "INFO", "TIME", "ROLE", "LASTSAVE", "CLUSTER", "OBJECT", "MULTI", "EXEC", "DISCARD",
        "WATCH", "UNWATCH", "SUBSCRIBE", "PSUBSCRIBE", "UNSUBSCRIBE", "PUNSUBSCRIBE", "PUBLISH", "PUBSUB", "NOSUCH", "",
        "HSET", "HSETNX", "HMSET", "HGET", "HMGET", "HGETALL", "HDEL", "HEXISTS", "HLEN", "HSTRLEN", "HKEYS", "HVALS", "HINCRBY",
        "HINCRBYFLOAT", "HRANDFIELD", "HSCAN", "DUMP", "RESTORE", "MEMORY",
    ];

    // Boundary words: numbers that overflow, sign, float and glob edge cases, options and subcommand names.
    private static readonly string[] s_words =
    [
        "k", "v", "0", "1", "-1", "10", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "2147483648",
        "1.5", "inf", "-inf", "nan", "1e308", "", " ", "\0", "abc", "*", "[", "[^", "\\", "?*?*?*?*?*?*?*?*?*?*?*?*b",
        "EX", "PX", "EXAT", "PXAT", "KEEPTTL", "GET", "NX", "XX", "GT", "LT", "PERSIST", "COUNT", "MATCH", "TYPE", "DB",
        "REPLACE", "ID", "KILL", "LIST", "SETNAME", "GETNAME", "SETINFO", "INFO", "GET", "SET", "RESETSTAT", "ENCODING",
        "FREQ", "IDLETIME", "REFCOUNT", "CHANNELS", "NUMSUB", "NUMPAT", "proto-max-bulk-len", "client-query-buffer-limit",
        "requirepass", "notify-keyspace-events", "timeout", "databases", "64mb", "AUTH", "SETNAME", "3", "2", "DOCS",
        "h", "f", "-2", "-1000", "4194304", "4194305", "-4194305", "WITHVALUES", "NOVALUES", "ABSTTL", "USAGE", "SAMPLES",
        "hash-max-listpack-entries", "hash-max-listpack-value", Sealed([0x00, 0x01, (byte)'v']),
        Sealed([0x04, 0x01, (byte)'f', 0x01, (byte)'v']), Sealed([0x00, 0xc3, 0x01, 0x80, 0x7f, 0xff, 0xff, 0xff, 0x00]),
    ];

    // RESTORE payloads with a valid trailer (a string, a hash, an LZF string claiming 2^31-1 bytes), as request words.
    private static string Sealed(byte[] body) => Encoding.Latin1.GetString(DumpSeal.Seal(body));

    private static readonly Gen<string[]> s_requests = Gen.Select(
        Gen.Int[0, s_names.Length - 1].Select(i => s_names[i]),
        Gen.OneOf(Gen.Int[0, s_words.Length - 1].Select(i => s_words[i]), Gen.String[0, 8]).Array[0, 6],
        (name, args) => (string[])[name, .. args]);

    [Test]
    public void Answers_any_request_and_never_throws() =>
        s_requests.Array[1, 12].Sample(requests =>
        {
            // A small proto-max-bulk-len keeps SETRANGE and APPEND at boundary offsets from allocating hundreds of MB.
            using var redis = new RedisHarness(new RedisSettings { RequestLimits = new RespLimits(MaxBulkLength: 1024 * 1024) });
            var client = redis.Connect();
            foreach (var request in requests)
            {
                var reply = client.Send(request);
                if (client.Closed)
                {
                    break;
                }

                // Served through the real pipeline: exactly one whole RESP reply per request (a type byte, then CRLF-ended).
                Assert.That(reply, Does.Match("^[-+:$*%>_,#(=~|!]").And.EndWith("\r\n"), string.Join(" ", request));
            }
        }, iter: 1500);
}
