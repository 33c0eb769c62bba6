using ReactiveCache.Commands.Redis.SortedSets;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.Sort;

/// <summary>
/// What SORT orders, loaded under the store's lock: the elements (a snapshot of arrays the collection never changes)
/// and their weights (BY values, already read), and the window LIMIT selects. <see cref="Order"/> needs no store, so a
/// big sort can run after the lock is released.
/// </summary>
/// <remarks>
/// The order is sortCompare's: numerically by weight, equal weights by the elements' bytes; with ALPHA by the BY values'
/// bytes (a missing one first) or by the elements' bytes. DESC reverses the comparison. Redis compares ALPHA without
/// STORE with strcoll, which in the C locale it runs under is this byte order. Ties that remain keep the collection's
/// order, as glibc's merge-sorting qsort keeps them.
/// </remarks>
internal sealed class SortVector
{
    private readonly byte[][] _elements;
    private readonly bool _sort;
    private readonly bool _descending;
    private readonly double[]? _scores;
    private readonly byte[]?[]? _keys;
    private readonly int _start;
    private readonly int _end;

    private SortVector(byte[][] elements, bool sort, bool descending, double[]? scores, byte[]?[]? keys, int start, int end)
    {
        (_elements, _sort, _descending, _scores, _keys, _start, _end) = (elements, sort, descending, scores, keys, start, end);
    }

    /// <summary>How many elements were loaded (the whole collection when sorting, the window when not).</summary>
    public int Count => _elements.Length;

    /// <summary>A weight was not a number (the reply is then "One or more scores can't be converted into double").</summary>
    public bool ConversionError { get; private init; }

    /// <summary>
    /// Loads the collection at the options' key (a missing key is an empty list) and reads the weights. A key of
    /// another type throws <see cref="WrongTypeException"/>.
    /// </summary>
    public static SortVector Load(StoreWriter writer, SortOptions options)
    {
        CollectionValue? source = null;
        if (writer.TryGet(options.Key, out var entry))
        {
            source = entry.Value as CollectionValue ?? throw new WrongTypeException(ValueKind.List, entry.Kind);
        }

        var sort = !options.DontSort;
        var alpha = options.Alpha;
        var by = options.By;
        if (!sort && source is SetValue && options.Destination is not null)
        {
            // A set has no order of its own to store, so Redis sorts it ALPHA (a replica or AOF gets the same list).
            (sort, alpha, by) = (true, true, null);
        }

        var length = source?.Count ?? 0;
        var (start, end) = Window(options.LimitStart, options.LimitCount, length);
        if (!sort)
        {
            // Nothing to compare: only the window is read, from the end for a DESC list or sorted set.
            var window = Natural(source, options.Descending, start, end);
            return new SortVector(window, sort: false, options.Descending, null, null, 0, window.Length - 1);
        }

        var elements = Natural(source, descending: false, 0, length - 1);
        var vector = alpha
            ? new SortVector(elements, true, options.Descending, null, by is null ? null : Values(writer, by, elements), start, end)
            : Numeric(writer, by, elements, options.Descending, start, end);
        return vector;
    }

    /// <summary>The indices into the loaded elements of the window's elements, in the order they are answered.</summary>
    public int[] Order()
    {
        var order = new int[_elements.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (_sort)
        {
            Array.Sort(order, Compare);
        }

        return _end < _start ? [] : order[_start..(_end + 1)];
    }

    public byte[] Element(int index) => _elements[index];

    // Redis's LIMIT arithmetic: start clamped into the collection, a negative count taking the rest.
    private static (int Start, int End) Window(long limitStart, long limitCount, int length)
    {
        var start = Math.Min(Math.Max(limitStart, 0), length);
        var count = Math.Min(Math.Max(limitCount, -1), length);
        var end = count < 0 ? length - 1 : start + count - 1;
        if (start >= length)
        {
            return (0, -1);
        }

        return ((int)start, (int)Math.Min(end, length - 1));
    }

    // The collection's own order (a set's is SMEMBERS's), elements start to end of it, or of it reversed.
    private static byte[][] Natural(CollectionValue? source, bool descending, int start, int end)
    {
        if (end < start)
        {
            return [];
        }

        var window = new byte[end - start + 1][];
        switch (source)
        {
            case ListValue list:
                for (var i = 0; i < window.Length; i++)
                {
                    window[i] = list[descending ? list.Count - 1 - start - i : start + i];
                }

                break;
            case SortedSetValue sortedSet:
                var node = sortedSet.AtRank(descending ? sortedSet.Count - 1 - start : start);
                for (var i = 0; i < window.Length; i++, node = descending ? node!.Previous : node!.Next)
                {
                    window[i] = node!.Member;
                }

                break;
            case SetValue set:
                var members = set.IsIntset ? SetValue.InIntsetOrder(set.ToArray()) : set.ToArray();
                Array.Copy(members, start, window, 0, window.Length);
                break;
        }

        return window;
    }

    private static byte[]?[] Values(StoreWriter writer, SortPattern by, byte[][] elements)
    {
        var values = new byte[]?[elements.Length];
        for (var i = 0; i < elements.Length; i++)
        {
            values[i] = by.Lookup(writer, elements[i]);
        }

        return values;
    }

    // Weights as strtod reads them; a missing BY value weighs 0.
    private static SortVector Numeric(StoreWriter writer, SortPattern? by, byte[][] elements, bool descending, int start, int end)
    {
        var scores = new double[elements.Length];
        var error = false;
        for (var i = 0; i < elements.Length; i++)
        {
            var weight = by is null ? elements[i] : by.Lookup(writer, elements[i]);
            if (weight is not null && !ScoreText.TryParseSortWeight(weight, out scores[i]))
            {
                error = true;
            }
        }

        return new SortVector(elements, true, descending, scores, null, start, end) { ConversionError = error };
    }

    private int Compare(int left, int right)
    {
        var order = _descending ? -Weigh(left, right) : Weigh(left, right);
        return order != 0 ? order : left.CompareTo(right);
    }

    private int Weigh(int left, int right)
    {
        if (_scores is { } scores)
        {
            var byScore = scores[left].CompareTo(scores[right]);
            return byScore != 0 ? byScore : _elements[left].AsSpan().SequenceCompareTo(_elements[right]);
        }

        if (_keys is { } keys)
        {
            return (keys[left], keys[right]) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                var (a, b) => a.AsSpan().SequenceCompareTo(b),
            };
        }

        return _elements[left].AsSpan().SequenceCompareTo(_elements[right]);
    }
}
