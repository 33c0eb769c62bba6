using ReactiveCache.Protocols.Resp;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.Sort;

/// <summary>
/// SORT and SORT_RO (sort.c): the elements of a list, set or sorted set, or the values GET patterns give for them, in
/// the order BY and ALPHA ask for, LIMIT's window of it; STORE keeps that as a list and answers its length.
/// </summary>
/// <remarks>
/// Everything SORT reads (the collection, every BY value) is read by one write, so the reply is one moment's state, as
/// in Redis. A read of more than <see cref="BigReply.InlineWork"/> elements then sorts after the lock, on the thread pool: its GET
/// values are read under the lock for every element (lookups, cheaper than the sort's comparisons), and the sort and
/// the reply leave it. Inside EXEC, and for STORE (whose list must be stored by the write that read its source), all of
/// it runs under the lock, as in Redis.
/// </remarks>
internal static class SortCommand
{
    private static readonly RedisReply s_notNumbers = new RedisReply.Error(RespErrors.SortNotNumbers);

    public static RedisReply Sort(RedisSession session, byte[][] args) => Run(session, args, readOnly: false);

    // SORT_RO: SORT without STORE, so it can run where writes cannot (a replica, a read-only script).
    public static RedisReply SortReadOnly(RedisSession session, byte[][] args) => Run(session, args, readOnly: true);

    private static RedisReply Run(RedisSession session, byte[][] args, bool readOnly)
    {
        if (SortOptions.Parse(args, readOnly, out var error) is not { } options)
        {
            return error!;
        }

        return options.Destination is null ? Read(session, options) : Store(session, options);
    }

    // STORE destination: the list (a missing GET value stored as ""), or the destination deleted for an empty result.
    private static RedisReply Store(RedisSession session, SortOptions options)
    {
        var stored = session.Store.Write(options, static (writer, options) =>
        {
            var vector = SortVector.Load(writer, options);
            if (vector.ConversionError)
            {
                return -1;
            }

            var list = new ListValue();
            foreach (var value in Rows(vector, vector.Order(), options.Gets, writer, resolved: null))
            {
                list.PushRight(value ?? []);
            }

            return writer.StoreCollection(options.Destination!, list, ChangeReason.SortStore);
        });
        return stored < 0 ? s_notNumbers : RedisReply.Of(stored);
    }

    private static RedisReply Read(RedisSession session, SortOptions options)
    {
        var loaded = session.Store.Write((Options: options, Later: session.CanAnswerLater), static (writer, state) =>
        {
            var vector = SortVector.Load(writer, state.Options);
            if (vector.ConversionError)
            {
                return new Loaded(null, null, null);
            }

            return !state.Later || vector.Count <= BigReply.InlineWork
                ? new Loaded(Rows(vector, vector.Order(), state.Options.Gets, writer, resolved: null), null, null)
                : new Loaded(null, vector, Resolve(writer, vector, state.Options.Gets));
        });
        if (loaded.Rows is { } rows)
        {
            return BigReply.Array(session, rows, static row => RedisReply.Of(row));
        }

        if (loaded.Vector is not { } vector)
        {
            return s_notNumbers;
        }

        return session.OffThread(() =>
            BigReply.ArrayOf(Rows(vector, vector.Order(), options.Gets, writer: null, loaded.Resolved), static row => RedisReply.Of(row)));
    }

    // The reply's elements: each element of the window, or with GET patterns, each pattern's value for it (null: nil).
    private static byte[]?[] Rows(SortVector vector, int[] order, IReadOnlyList<SortPattern> gets, StoreWriter? writer, byte[]?[][]? resolved)
    {
        if (gets.Count == 0)
        {
            return Array.ConvertAll(order, vector.Element);
        }

        var rows = new byte[]?[order.Length * gets.Count];
        for (var i = 0; i < order.Length; i++)
        {
            for (var g = 0; g < gets.Count; g++)
            {
                rows[(i * gets.Count) + g] = resolved is not null ? resolved[order[i]][g] : gets[g].Lookup(writer!, vector.Element(order[i]));
            }
        }

        return rows;
    }

    // Every GET value of every element, read under the lock for a sort that runs after it.
    private static byte[]?[][]? Resolve(StoreWriter writer, SortVector vector, IReadOnlyList<SortPattern> gets)
    {
        if (gets.Count == 0)
        {
            return null;
        }

        var resolved = new byte[]?[vector.Count][];
        for (var i = 0; i < resolved.Length; i++)
        {
            resolved[i] = new byte[]?[gets.Count];
            for (var g = 0; g < gets.Count; g++)
            {
                resolved[i][g] = gets[g].Lookup(writer, vector.Element(i));
            }
        }

        return resolved;
    }

    /// <summary>What the lock gave: the rows answered, or the vector to sort after it (nothing: the weights were not numbers).</summary>
    private readonly record struct Loaded(byte[]?[]? Rows, SortVector? Vector, byte[]?[][]? Resolved);
}
