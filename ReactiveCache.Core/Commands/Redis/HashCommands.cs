using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// The field commands of t_hash.c: HSET, HMSET, HSETNX, HGET, HMGET, HDEL, HEXISTS, HLEN, HSTRLEN, HKEYS, HVALS and
/// HGETALL. Each write is one call of <see cref="Store.StoreWriter.SetFields"/> or
/// <see cref="Store.StoreWriter.DeleteFields"/>, so a command that touches several fields is still one change.
/// </summary>
/// <remarks>
/// WRONGTYPE comes from the store's typed lookup (<see cref="Store.StoreWriter.TryGetHash"/>); a missing key reads
/// as an empty hash, as in Redis. Replies carry the hash's own arrays, which never change, so HKEYS, HVALS and
/// HGETALL copy the fields under the lock and build their replies outside it.
/// </remarks>
internal static class HashCommands
{
    /// <summary>
    /// The listpack limits in force (hash-max-listpack-entries, hash-max-listpack-value): the one place the hash
    /// commands read them, as CONFIG SET left them on this server.
    /// </summary>
    public static ListpackLimits HashLimits(RedisSession session) =>
        new(session.EncodingLimits.HashMaxListpackEntries, session.EncodingLimits.HashMaxListpackValue);

    // HSET key field value [field value ...]: the number of new fields.
    public static RedisReply HSet(RedisSession session, byte[][] args) =>
        SetPairs(session, args, out var added) ?? RedisReply.Of(added);

    // HMSET key field value [field value ...]: HSET answering OK, as hsetCommand does for the deprecated name.
    public static RedisReply HMSet(RedisSession session, byte[][] args) =>
        SetPairs(session, args, out _) ?? RedisReply.Ok;

    public static RedisReply HSetNx(RedisSession session, byte[][] args) =>
        session.Store.Write((Args: args, Limits: HashLimits(session)), static (writer, state) =>
        {
            var (key, field) = (state.Args[1], state.Args[2]);
            if (writer.TryGetHash(key, out _, out var hash) && hash.Contains(field))
            {
                return RedisReply.Zero;
            }

            writer.SetFields(key, [new HashField(field, state.Args[3])], state.Limits, ChangeReason.HashSet);
            return RedisReply.One;
        });

    public static RedisReply HGet(RedisSession session, byte[][] args) =>
        Read(session, args, RedisReply.NullBulk, static (hash, args) => RedisReply.Of(hash.TryGet(args[2], out var value) ? value : null));

    // A missing key is an empty hash: one null per field.
    public static RedisReply HMGet(RedisSession session, byte[][] args) =>
        session.Store.Write(args, static (writer, args) =>
        {
            var found = writer.TryGetHash(args[1], out _, out var hash);
            var values = new RedisReply[args.Length - 2];
            for (var i = 2; i < args.Length; i++)
            {
                values[i - 2] = found && hash.TryGet(args[i], out var value) ? new RedisReply.Bulk(value) : RedisReply.NullBulk;
            }

            return new RedisReply.Array(values);
        });

    // A hash left without fields goes in the same change (FieldsDeleted | KeyRemoved: "hdel" then "del").
    public static RedisReply HDel(RedisSession session, byte[][] args) =>
        RedisReply.Of(session.Store.Write(args, static (writer, args) => writer.DeleteFields(args[1], args.AsSpan(2))));

    public static RedisReply HExists(RedisSession session, byte[][] args) =>
        Read(session, args, RedisReply.Zero, static (hash, args) => RedisReply.Of(hash.Contains(args[2])));

    public static RedisReply HLen(RedisSession session, byte[][] args) =>
        Read(session, args, RedisReply.Zero, static (hash, _) => RedisReply.Of(hash.Count));

    public static RedisReply HStrLen(RedisSession session, byte[][] args) =>
        Read(session, args, RedisReply.Zero, static (hash, args) => RedisReply.Of(hash.TryGet(args[2], out var value) ? value.Length : 0));

    public static RedisReply HKeys(RedisSession session, byte[][] args) =>
        Snapshot(session, args[1]) is { } fields
            ? BigReply.Array(session, fields, static field => new RedisReply.Bulk(field.Name))
            : RedisReply.EmptyArray;

    public static RedisReply HVals(RedisSession session, byte[][] args) =>
        Snapshot(session, args[1]) is { } fields
            ? BigReply.Array(session, fields, static field => new RedisReply.Bulk(field.Value!))
            : RedisReply.EmptyArray;

    // A map in RESP3 (an empty map for a missing key), a flat array in RESP2.
    public static RedisReply HGetAll(RedisSession session, byte[][] args) =>
        Snapshot(session, args[1]) is { } fields ? BigReply.Map(session, fields, s_pair) : s_emptyMap;

    private static readonly RedisReply s_emptyMap = new RedisReply.Map([]);

    private static readonly Func<HashField, KeyValuePair<RedisReply, RedisReply>> s_pair = static field =>
        new(new RedisReply.Bulk(field.Name), new RedisReply.Bulk(field.Value!));

    /// <summary>HSET and HMSET: an even number of words after the key, all set as one change.</summary>
    private static RedisReply? SetPairs(RedisSession session, byte[][] args, out int added)
    {
        added = 0;
        if (args.Length % 2 == 1)
        {
            return RedisArgs.WrongArguments(RedisArgs.Lower(args[0]));
        }

        var fields = new HashField[(args.Length - 2) / 2];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = new HashField(args[2 + (2 * i)], args[3 + (2 * i)]);
        }

        added = session.Store.Write((Key: args[1], Fields: fields, Limits: HashLimits(session)), static (writer, state) =>
            writer.SetFields(state.Key, state.Fields, state.Limits, ChangeReason.HashSet));
        return null;
    }

    /// <summary>
    /// Every field of the hash at <paramref name="key"/>, or null when there is none: copied under the lock, the reply
    /// built outside it (the arrays never change).
    /// </summary>
    private static HashField[]? Snapshot(RedisSession session, byte[] key) =>
        session.Store.Write(key, static (writer, key) => writer.TryGetHash(key, out _, out var hash) ? hash.ToArray() : null);

    /// <summary>A read of the hash at <c>args[1]</c>, answering <paramref name="missing"/> when there is none.</summary>
    private static RedisReply Read(RedisSession session, byte[][] args, RedisReply missing, Func<HashValue, byte[][], RedisReply> answer) =>
        session.Store.Write((Args: args, Missing: missing, Answer: answer), static (writer, state) =>
            writer.TryGetHash(state.Args[1], out _, out var hash) ? state.Answer(hash, state.Args) : state.Missing);
}
