namespace ReactiveCache.Protocols.Resp;

/// <summary>
/// What a Redis command answers, in RESP3's vocabulary; the encoder spells it as RESP2 or RESP3 for
/// each connection (a map becomes a flat array in RESP2, a null bulk <c>$-1</c>, a double a bulk string).
/// </summary>
internal abstract class RedisReply
{
    public static readonly RedisReply Ok = new Simple("OK");
    public static readonly RedisReply Pong = new Simple("PONG");
    public static readonly RedisReply Queued = new Simple("QUEUED");
    public static readonly RedisReply NullBulk = new Null(isArray: false);
    public static readonly RedisReply NullArray = new Null(isArray: true);
    public static readonly RedisReply EmptyArray = new Array([]);
    public static readonly RedisReply EmptyBulk = new Bulk([]);
    public static readonly RedisReply Syntax = new Error(RespErrors.Syntax);
    public static readonly RedisReply NotInteger = new Error(RespErrors.NotInteger);
    public static readonly RedisReply WrongType = new Error(RespErrors.WrongType);

    public static readonly RedisReply OutOfMemory = new Error(RespErrors.OutOfMemory);
    public static readonly RedisReply Zero = new Integer(0);
    public static readonly RedisReply One = new Integer(1);

    private static readonly Integer[] s_small = Enumerable.Range(-1, 130).Select(n => new Integer(n)).ToArray();

    public static RedisReply Of(long value) => value is >= -1 and < 129 ? s_small[value + 1] : new Integer(value);

    public static RedisReply Of(bool value) => value ? One : Zero;

    public static RedisReply Of(byte[]? value) => value is null ? NullBulk : new Bulk(value);

    public static RedisReply Of(string text) => new Bulk(System.Text.Encoding.UTF8.GetBytes(text));

    public sealed class Simple(string text) : RedisReply
    {
        public string Text { get; } = text;
    }

    /// <summary>The full error line without the leading '-': <c>ERR ...</c>, <c>WRONGTYPE ...</c>.</summary>
    public sealed class Error(string text) : RedisReply
    {
        public string Text { get; } = text;
    }

    public sealed class Integer(long value) : RedisReply
    {
        public long Value { get; } = value;
    }

    public sealed class Bulk(byte[] bytes) : RedisReply
    {
        public byte[] Bytes { get; } = bytes;
    }

    /// <summary>Text with a format (<c>txt</c>): a verbatim string in RESP3, a bulk string in RESP2 (INFO, CLIENT LIST).</summary>
    public sealed class Verbatim(string text) : RedisReply
    {
        public string Text { get; } = text;
    }

    /// <summary>RESP3's null; in RESP2 <c>$-1</c>, or <c>*-1</c> where Redis answers a null array.</summary>
    public sealed class Null(bool isArray) : RedisReply
    {
        public bool IsArray { get; } = isArray;
    }

    public sealed class Double(double value) : RedisReply
    {
        public double Value { get; } = value;
    }

    public sealed class Array(IReadOnlyList<RedisReply> items) : RedisReply
    {
        public IReadOnlyList<RedisReply> Items { get; } = items;
    }

    /// <summary>A RESP3 set; an array in RESP2.</summary>
    public sealed class Set(IReadOnlyList<RedisReply> items) : RedisReply
    {
        public IReadOnlyList<RedisReply> Items { get; } = items;
    }

    /// <summary>A RESP3 map; a flat array of keys and values in RESP2.</summary>
    public sealed class Map(IReadOnlyList<KeyValuePair<RedisReply, RedisReply>> pairs) : RedisReply
    {
        public IReadOnlyList<KeyValuePair<RedisReply, RedisReply>> Pairs { get; } = pairs;
    }

    /// <summary>An out-of-band message (pub/sub): a RESP3 push, an array in RESP2.</summary>
    public sealed class Push(IReadOnlyList<RedisReply> items) : RedisReply
    {
        public IReadOnlyList<RedisReply> Items { get; } = items;
    }

    /// <summary>
    /// A reply not ready yet: a blocked command's (BLPOP waiting for a push), or one built off the socket's thread (a
    /// million-element SMEMBERS). The session sends the first reply <see cref="Reply"/> yields, and runs nothing else of
    /// this client until then; disposing the subscription (the client went away) ends the wait. Never encoded itself.
    /// </summary>
    public sealed class Later(IObservable<RedisReply> reply, Func<bool, bool>? unblock = null) : RedisReply
    {
        public IObservable<RedisReply> Reply { get; } = reply;

        /// <summary>
        /// For a blocked command's reply: ends the wait at once (CLIENT UNBLOCK), with the timeout's reply or, given true,
        /// with <c>-UNBLOCKED</c>; returns false when it was already over.
        /// </summary>
        public Func<bool, bool>? Unblock { get; } = unblock;
    }

    /// <summary>Several replies to one command, written one after the other (SUBSCRIBE a b answers twice).</summary>
    public sealed class Sequence(IReadOnlyList<RedisReply> replies) : RedisReply
    {
        public IReadOnlyList<RedisReply> Replies { get; } = replies;
    }
}
