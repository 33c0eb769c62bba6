using System.Text;
using ReactiveCache.Commands.Redis;
using static ReactiveCache.Fuzz.Corpus.BoundaryValues;

namespace ReactiveCache.Fuzz.Corpus;

/// <summary>
/// Redis requests, multibulk and inline. Left out on purpose: what stops or locks out the server by design
/// (SHUTDOWN, CONFIG SET requirepass/maxclients/timeout, CLIENT KILL), since the probe after each case would
/// then report a "hang" that is the command doing its job.
/// </summary>
internal static class RespCorpus
{
    public static readonly string[] Valid =
    [
        "PING\r\n", "PING hello\r\n", "ECHO abc\r\n", "SET k v\r\n", "GET k\r\n", "SET k 10 EX 100 NX\r\n", "SET k v KEEPTTL GET\r\n",
        "INCR n\r\n", "DECRBY n 3\r\n", "INCRBYFLOAT f 1.5\r\n", "APPEND k xyz\r\n", "STRLEN k\r\n", "GETRANGE k 0 -1\r\n",
        "SETRANGE k 2 abc\r\n", "SUBSTR k 1 2\r\n", "MSET a 1 b 2 c 3\r\n", "MGET a b c d\r\n", "MSETNX x 1 y 2\r\n", "GETDEL a\r\n",
        "GETEX b PX 5000\r\n", "GETSET c 4\r\n", "SETEX e 10 v\r\n", "PSETEX e 1000 v\r\n", "SETNX s 1\r\n",
        "DEL a b\r\n", "UNLINK c\r\n", "EXISTS a b k\r\n", "TYPE k\r\n", "KEYS *\r\n", "KEYS a?\r\n", "SCAN 0\r\n", "SCAN 0 MATCH k* COUNT 5\r\n",
        "RANDOMKEY\r\n", "RENAME k k2\r\n", "RENAMENX k2 k\r\n", "COPY k k3 DB 2 REPLACE\r\n", "MOVE k 1\r\n", "TOUCH k a\r\n",
        "EXPIRE k 100 NX\r\n", "PEXPIRE k 100000 GT\r\n", "EXPIREAT k 2000000000\r\n", "PEXPIREAT k 2000000000000\r\n", "TTL k\r\n",
        "PTTL k\r\n", "EXPIRETIME k\r\n", "PEXPIRETIME k\r\n", "PERSIST k\r\n", "DBSIZE\r\n", "FLUSHDB\r\n", "FLUSHALL ASYNC\r\n",
        "SELECT 3\r\n", "SWAPDB 0 1\r\n", "RESET\r\n", "AUTH nobody secret\r\n", "HELLO 3\r\n", "HELLO 2 SETNAME fuzz\r\n",
        "CLIENT ID\r\n", "CLIENT SETNAME fuzz\r\n", "CLIENT GETNAME\r\n", "CLIENT LIST\r\n", "CLIENT INFO\r\n", "INFO\r\n", "INFO memory\r\n",
        "CONFIG GET *\r\n", "CONFIG RESETSTAT\r\n", "COMMAND COUNT\r\n", "COMMAND INFO get set\r\n", "COMMAND DOCS get\r\n", "TIME\r\n",
        "ROLE\r\n", "LASTSAVE\r\n", "OBJECT ENCODING k\r\n", "OBJECT FREQ k\r\n", "OBJECT IDLETIME k\r\n", "OBJECT REFCOUNT k\r\n",
        "MULTI\r\n", "EXEC\r\n", "DISCARD\r\n", "WATCH k a\r\n", "UNWATCH\r\n", "SUBSCRIBE ch\r\n", "PSUBSCRIBE c*\r\n",
        "UNSUBSCRIBE\r\n", "PUNSUBSCRIBE\r\n", "PUBLISH ch hi\r\n", "PUBSUB CHANNELS\r\n", "PUBSUB NUMSUB ch\r\n", "PUBSUB NUMPAT\r\n",
        "HSET h a 1 b 2\r\n", "HSETNX h c 3\r\n", "HMSET h d 4\r\n", "HGET h a\r\n", "HMGET h a b z\r\n", "HGETALL h\r\n",
        "HDEL h a z\r\n", "HEXISTS h b\r\n", "HLEN h\r\n", "HSTRLEN h b\r\n", "HKEYS h\r\n", "HVALS h\r\n", "HINCRBY h n 5\r\n",
        "HINCRBYFLOAT h x 1.5\r\n", "HRANDFIELD h\r\n", "HRANDFIELD h -5 WITHVALUES\r\n", "HSCAN h 0 MATCH * COUNT 10\r\n",
        "HSCAN h 0 NOVALUES\r\n", "OBJECT ENCODING h\r\n", "MEMORY USAGE h SAMPLES 0\r\n", "DUMP h\r\n", "DUMP missing\r\n",
        "LPUSH l a b c\r\n", "RPUSH l d e\r\n", "LPUSHX l z\r\n", "LPOP l\r\n", "RPOP l 2\r\n", "LLEN l\r\n", "LRANGE l 0 -1\r\n",
        "LINDEX l -1\r\n", "LSET l 0 x\r\n", "LINSERT l BEFORE x y\r\n", "LREM l -1 y\r\n", "LTRIM l 0 5\r\n",
        "LPOS l a RANK -1 COUNT 0 MAXLEN 10\r\n", "LMOVE l l2 LEFT RIGHT\r\n", "RPOPLPUSH l2 l\r\n", "LMPOP 2 l l2 LEFT COUNT 3\r\n",
        "BLPOP l l2 0.01\r\n", "BRPOP nothing 0.01\r\n", "BLMOVE nothing l LEFT LEFT 0.01\r\n", "BLMPOP 0.01 1 nothing RIGHT\r\n",
        "SADD s 1 2 3 a\r\n", "SREM s 2\r\n", "SMEMBERS s\r\n", "SISMEMBER s a\r\n", "SMISMEMBER s a b\r\n", "SCARD s\r\n",
        "SPOP s 2\r\n", "SRANDMEMBER s -5\r\n", "SMOVE s s2 a\r\n", "SINTER s s2\r\n", "SUNIONSTORE s3 s s2\r\n",
        "SDIFF s s2\r\n", "SINTERCARD 2 s s2 LIMIT 1\r\n", "SSCAN s 0 MATCH * COUNT 10\r\n",
        "ZADD z 1 a 2 b 3 c\r\n", "ZADD z XX GT CH INCR 5 a\r\n", "ZINCRBY z 1.5 b\r\n", "ZREM z c\r\n", "ZCARD z\r\n",
        "ZCOUNT z -inf +inf\r\n", "ZLEXCOUNT z - +\r\n", "ZSCORE z a\r\n", "ZMSCORE z a b\r\n", "ZRANK z a\r\n", "ZREVRANK z a\r\n",
        "ZRANGE z 0 -1 WITHSCORES\r\n", "ZRANGE z (1 +inf BYSCORE REV LIMIT 0 2\r\n", "ZRANGE z [a (c BYLEX\r\n",
        "ZRANGESTORE z2 z 0 -1\r\n", "ZRANGEBYSCORE z 1 2\r\n", "ZREMRANGEBYRANK z 0 0\r\n", "ZPOPMIN z 2\r\n", "ZPOPMAX z\r\n",
        "ZMPOP 2 z z2 MIN COUNT 2\r\n", "BZPOPMIN nothing 0.01\r\n", "BZMPOP 0.01 1 nothing MAX\r\n", "ZUNIONSTORE z3 2 z z2 WEIGHTS 2 3\r\n",
        "ZINTER 2 z z2 WITHSCORES\r\n", "ZDIFF 2 z z2\r\n", "ZRANDMEMBER z -3 WITHSCORES\r\n", "ZSCAN z 0\r\n",
        "SORT l ALPHA LIMIT 0 2\r\n", "SORT s BY nosort GET # STORE l3\r\n", "SORT_RO z DESC\r\n", "CLIENT UNBLOCK 1 ERROR\r\n",
        "\r\n", "*1\r\n$4\r\nPING\r\n", "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\nv\x00v\r\n", "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n",
        "*5\r\n$4\r\nMSET\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$0\r\n\r\n", "*0\r\n", "*-1\r\n",
    ];

    public static string Boundary(Random random)
    {
        var n = Number(random);
        var m = Number(random);
        return random.Next(33) switch
        {
            0 => $"SET k abc\r\nSETRANGE k {n} x\r\n",
            1 => $"SET k abcdef\r\nGETRANGE k {n} {m}\r\nSUBSTR k {m} {n}\r\n",
            2 => $"SET n 5\r\nINCRBY n {n}\r\nDECRBY n {m}\r\nINCR n\r\nDECR n\r\n",
            3 => $"SET n 9223372036854775807\r\nINCR n\r\nSET n -9223372036854775808\r\nDECRBY n {n}\r\n",
            4 => $"INCRBYFLOAT f {n}\r\nINCRBYFLOAT f {m}\r\n",
            5 => $"SET k v\r\nEXPIRE k {n}\r\nPEXPIRE k {m}\r\nTTL k\r\nPTTL k\r\n",
            6 => $"SET k v\r\nEXPIREAT k {n}\r\nPEXPIREAT k {m}\r\nEXPIRETIME k\r\n",
            7 => $"SET k v EX {n}\r\nSET k v PX {m}\r\nSET k v EXAT {n}\r\nSET k v PXAT {m}\r\nGETEX k EX {n}\r\nSETEX k {n} v\r\nPSETEX k {m} v\r\n",
            8 => $"SCAN {n} COUNT {m}\r\nSCAN 0 COUNT {n}\r\n",
            9 => $"SELECT {n}\r\nSET k v\r\nMOVE k {m}\r\nCOPY k k2 DB {n}\r\nSWAPDB {n} {m}\r\n",
            10 => $"*{Length(random)}\r\n$3\r\nGET\r\n$1\r\nk\r\nPING\r\n",
            11 => $"*2\r\n${Length(random)}\r\nGET\r\n$1\r\nk\r\nPING\r\n",
            12 => $"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n${Length(random)}\r\nvalue\r\n",
            13 => GlobSetup() + $"KEYS {GlobPatterns.Pattern(random)}\r\n",
            14 => GlobSetup() + $"SCAN 0 MATCH {GlobPatterns.Pattern(random)} COUNT 1000\r\n",
            15 => $"PSUBSCRIBE {GlobPatterns.Pattern(random)}\r\nPUBLISH {new string('a', 200)} x\r\nPUNSUBSCRIBE\r\n",
            16 => $"*1\r\n$4\r\nPING\r\n*{random.Next(1, 200_000)}\r\n" + string.Concat(Enumerable.Repeat("$1\r\na\r\n", random.Next(1, 5_000))),
            17 => "MGET " + string.Join(' ', Enumerable.Range(0, random.Next(1, 20_000)).Select(i => "k" + i)) + "\r\n",
            18 => $"SET {new string('k', random.Next(1, 60_000))} v\r\nKEYS *\r\n",
            19 => $"OBJECT FREQ k\r\nEXPIRE k {n} {new[] { "NX", "XX", "GT", "LT", "XX GT" }[random.Next(5)]}\r\n",
            20 => $"MULTI\r\nSELECT {n}\r\nSET a 1\r\nCOPY a b DB {m} REPLACE\r\nFLUSHALL\r\nEXEC\r\n",
            21 => $"HELLO {n}\r\nHELLO 3 SETNAME {new string('x', random.Next(1, 70_000))}\r\nCLIENT SETNAME {n}\r\n",
            22 => $"SET k {new string('v', random.Next(1, 100_000))}\r\nAPPEND k {new string('w', random.Next(1, 100_000))}\r\nGETRANGE k 0 -1\r\n",
            24 => $"HSET h a 1 b 2\r\nHRANDFIELD h {n}\r\nHRANDFIELD h {m} WITHVALUES\r\nHSCAN h {n} COUNT {m}\r\nHINCRBY h a {n}\r\nHINCRBYFLOAT h b {m}\r\n",
            25 => $"HSET h f v\r\n{Restore(random, n)}",
            26 => $"HSET {new string('h', random.Next(1, 1000))} {new string('f', random.Next(1, 70_000))} {new string('v', random.Next(1, 70_000))}\r\nKEYS *\r\n",
            27 => $"SET s v\r\nHGET s f\r\nHSET s f v\r\nMEMORY USAGE s SAMPLES {n}\r\nRESTORE h {n} x\r\n",
            28 => $"RPUSH l a b c a\r\nLRANGE l {n} {m}\r\nLINDEX l {n}\r\nLSET l {m} x\r\nLTRIM l {n} {m}\r\nLPOS l a RANK {n} COUNT {m} MAXLEN {n}\r\nLPOP l {n}\r\nLMPOP {n} l LEFT COUNT {m}\r\nLREM l {n} a\r\n",
            29 => $"SADD s 1 2 3 x\r\nSPOP s {n}\r\nSRANDMEMBER s {m}\r\nSINTERCARD {n} s LIMIT {m}\r\nSSCAN s {n} COUNT {m}\r\n",
            30 => $"ZADD z {n} a {m} b\r\nZRANGE z {n} {m} BYSCORE LIMIT {n} {m}\r\nZRANGE z {n} {m}\r\nZRANDMEMBER z {n} WITHSCORES\r\nZPOPMIN z {m}\r\nZREMRANGEBYRANK z {n} {m}\r\nZUNIONSTORE z2 {n} z WEIGHTS {m}\r\n",
            31 => $"BLPOP l {n}\r\nBZPOPMIN z {m}\r\nBLMPOP {n} {m} l LEFT\r\nBLMOVE l l2 LEFT LEFT {n}\r\nPING\r\n",
            32 => $"RPUSH l 3 1 2\r\nSORT l LIMIT {n} {m}\r\nSORT l BY w_* GET # GET h_*->f LIMIT {m} {n} STORE l2\r\n",
            _ => $"RENAME k k\r\nCOPY k k\r\nSELECT 0\r\nOBJECT IDLETIME {n}\r\nCONFIG GET {GlobPatterns.Pattern(random)}\r\n",
        };
    }

    /// <summary>
    /// RESTORE of a payload with a valid trailer (RDB version 10 and the CRC-64 the server checks) whose body is a real
    /// one with a byte changed or a length claiming 2^31-1 or 2^32-1 bytes, sent as one multibulk request.
    /// </summary>
    private static string Restore(Random random, string ttl)
    {
        byte[][] bodies =
        [
            [0x00, 0x01, (byte)'v'], [0x04, 0x01, 0x01, (byte)'f', 0x01, (byte)'v'], [0x00, 0xc3, 0x01, 0x80, 0x7f, 0xff, 0xff, 0xff, 0x00],
            [0x04, 0x80, 0xff, 0xff, 0xff, 0xff, 0x01, (byte)'f', 0x01, (byte)'v'], [0x10, 0x80, 0x7f, 0xff, 0xff, 0xff, 0x00],
        ];
        var body = bodies[random.Next(bodies.Length)].ToArray();
        body[random.Next(body.Length)] ^= (byte)(random.Next(2) << random.Next(8));
        byte[] versioned = [.. body, 10, 0];
        var payload = Encoding.Latin1.GetString([.. versioned, .. BitConverter.GetBytes(Crc64.Compute(versioned))]);
        string[] words = ["RESTORE", "h", ttl, payload, .. random.Next(3) switch { 0 => (string[])[], 1 => ["REPLACE"], _ => ["REPLACE", "ABSTTL"] }];
        return $"*{words.Length}\r\n" + string.Concat(words.Select(word => $"${word.Length}\r\n{word}\r\n"));
    }

    private static string GlobSetup() => string.Concat(GlobPatterns.Keys.Select(key => $"SET {key} 1\r\n").Take(3));
}
