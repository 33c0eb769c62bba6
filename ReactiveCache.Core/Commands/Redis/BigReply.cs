using System.Collections;
using ReactiveCache.Protocols.Resp;

namespace ReactiveCache.Commands.Redis;

/// <summary>
/// Replies of every element of a collection (HGETALL, KEYS, SMEMBERS, LRANGE 0 -1...) that stay cheap for the socket's
/// thread however big the collection: a small one is answered inline; above <see cref="InlineLimit"/> elements the
/// reply is encoded on the thread pool (<see cref="RedisSession.OffThread"/>), since the socket's thread serves other
/// clients too, and this client's next commands wait for it in order (the connection's pending reply).
/// </summary>
/// <remarks>
/// The elements are the snapshot the command took under the store's lock (a plain array copy, never the live
/// collection). Their replies are not built up front: the reply's list makes each one as the encoder reaches it, so a
/// million-element reply allocates its <see cref="RedisReply.Bulk"/>s one at a time, each dead a moment later, instead
/// of two million objects that live long enough to be promoted and then cost a full collection.
/// Element builders should be static lambdas (cached by the compiler): the inline path then allocates only the reply.
/// </remarks>
internal static class BigReply
{
    /// <summary>Replies of up to this many elements are built inline, on the socket's thread.</summary>
    public const int InlineLimit = 1024;

    /// <summary>
    /// The most elements a command works through under the lock (SINTER, ZUNIONSTORE, SORT...) before it copies its
    /// inputs there and does the work after it, on the thread pool.
    /// </summary>
    public const int InlineWork = 4096;

    /// <summary>An array with one reply per element.</summary>
    public static RedisReply Array<T>(RedisSession session, T[] elements, Func<T, RedisReply> element) =>
        Answer(session, elements.Length, ArrayOf(elements, element));

    /// <summary>
    /// The array reply itself, whatever its size, for a builder already running off the socket's thread (KEYS matches
    /// its pattern there): its element replies are made as it is encoded.
    /// </summary>
    public static RedisReply ArrayOf<T>(T[] elements, Func<T, RedisReply> element) =>
        new RedisReply.Array(new Projected<T, RedisReply>(elements, element));

    /// <summary>A RESP3 set (an array in RESP2) with one reply per element: SMEMBERS, SINTER...</summary>
    public static RedisReply Set<T>(RedisSession session, T[] elements, Func<T, RedisReply> element) =>
        Answer(session, elements.Length, SetOf(elements, element));

    /// <summary>The set reply itself, whatever its size, its element replies made as it is encoded.</summary>
    public static RedisReply SetOf<T>(T[] elements, Func<T, RedisReply> element) =>
        new RedisReply.Set(new Projected<T, RedisReply>(elements, element));

    /// <summary>A RESP3 map (a flat array in RESP2) with one pair per element: HGETALL.</summary>
    public static RedisReply Map<T>(RedisSession session, T[] elements, Func<T, KeyValuePair<RedisReply, RedisReply>> pair) =>
        Answer(session, elements.Length, new RedisReply.Map(new Projected<T, KeyValuePair<RedisReply, RedisReply>>(elements, pair)));

    /// <summary>
    /// An array with <paramref name="width"/> replies per element (ZRANGE ... WITHSCORES in RESP2: member, score):
    /// <paramref name="part"/> is called with the element and which of its replies, 0 to width - 1.
    /// </summary>
    public static RedisReply Flat<T>(RedisSession session, T[] elements, int width, Func<T, int, RedisReply> part) =>
        Answer(session, elements.Length * width, FlatOf(elements, width, part));

    /// <summary>The flat array reply itself, whatever its size, its replies made as it is encoded.</summary>
    public static RedisReply FlatOf<T>(T[] elements, int width, Func<T, int, RedisReply> part) =>
        new RedisReply.Array(new Flattened<T>(elements, width, part));

    /// <summary>
    /// Any reply of <paramref name="count"/> elements whose encoding is the O(n) part: inline when small, off the
    /// socket's thread when big (or inline inside EXEC, whose replies are one array now).
    /// </summary>
    public static RedisReply Answer(RedisSession session, int count, RedisReply reply) =>
        count <= InlineLimit ? reply : session.OffThread(EncodeLater(reply));

    // A method of its own, so the closure is allocated only for a big reply. Building the reply is O(1) (the lists are
    // lazy): what runs on the thread pool is its encoding, done by whoever receives the late reply (Connection.Push).
    private static Func<RedisReply> EncodeLater(RedisReply reply) => () => reply;

    /// <summary>A read-only view of the snapshot that makes each element's reply when it is read.</summary>
    private sealed class Projected<T, TReply>(T[] elements, Func<T, TReply> project) : IReadOnlyList<TReply>
    {
        public int Count => elements.Length;

        public TReply this[int index] => project(elements[index]);

        public IEnumerator<TReply> GetEnumerator()
        {
            foreach (var element in elements)
            {
                yield return project(element);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class Flattened<T>(T[] elements, int width, Func<T, int, RedisReply> part) : IReadOnlyList<RedisReply>
    {
        public int Count => elements.Length * width;

        public RedisReply this[int index] => part(elements[index / width], index % width);

        public IEnumerator<RedisReply> GetEnumerator()
        {
            foreach (var element in elements)
            {
                for (var i = 0; i < width; i++)
                {
                    yield return part(element, i);
                }
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
