using System.Buffers;
using System.Globalization;
using System.Text;
using ReactiveCache.Protocols.Memcached;
using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Memcached;

/// <summary>
/// One key dump in progress, <c>stats cachedump</c>'s <c>ITEM key [N b; T s]</c> lines or <c>lru_crawler metadump</c>'s
/// <c>key=... exp=... la=... cas=... fetch=... cls=1 size=...</c> lines, then END. The keys are read a page at a time,
/// each page under the store's lock for as long as it takes to visit about <see cref="PageSize"/> slots (the SCAN
/// cursor's walk: a key present for the whole dump is listed, once unless the keyspace is packed meanwhile), and each
/// page goes out as one part of the reply, so a dump of millions of keys holds one page in memory and lets every
/// other client in between pages. Only string keys are listed: the values a memcached client can get.
/// </summary>
/// <remarks>
/// memcached stops a cachedump at 2 MB of output; this one lists every key (up to the limit asked for, 0 meaning all).
/// <c>fetch</c> is always <c>no</c>: the store does not track whether a value was read since it was set.
/// </remarks>
internal sealed class KeyDump
{
    public const int PageSize = 512;

    private static readonly byte[] s_end = "END\r\n"u8.ToArray();
    private readonly CacheStore _store;
    private readonly bool _meta;
    private long _left;
    private ulong _cursor;
    private bool _done;

    private KeyDump(CacheStore store, bool meta, long limit)
    {
        _store = store;
        _meta = meta;
        _left = limit;
    }

    /// <summary><c>stats cachedump 1 limit</c>: up to <paramref name="limit"/> keys, every key for 0.</summary>
    public static KeyDump Cached(CacheStore store, ulong limit) => new(store, meta: false, limit == 0 || limit > long.MaxValue ? long.MaxValue : (long)limit);

    /// <summary><c>lru_crawler metadump</c>: every key.</summary>
    public static KeyDump Metadata(CacheStore store) => new(store, meta: true, long.MaxValue);

    /// <summary>The next page of lines (END after the last); false once END has gone out.</summary>
    public bool TryNextPart(out MemcachedReply part)
    {
        if (_done)
        {
            part = MemcachedReply.Silent;
            return false;
        }

        var count = (int)Math.Min(PageSize, _left);
        var (next, items) = count == 0 ? (0UL, Array.Empty<Item>()) : _store.Write((Cursor: _cursor, Count: count), static (writer, page) =>
            SlotWalk.Walk(writer.Slots, page.Cursor, page.Count, writer, static (StoreWriter writer, byte[] key, out Item item) =>
            {
                item = default;
                if (!writer.TryPeek(key, out _, out var entry) || entry.IsExpiredAt(writer.NowMs) || entry.Value is not StringValue value)
                {
                    return false;
                }

                var size = entry.Footprint > 0 ? entry.Footprint : key.Length + value.Bytes.Length + 48;
                item = new Item(key, value.Bytes.Length, entry.HasExpiry ? entry.ExpiresAtMs / 1000 : -1,
                    (writer.NowMs - writer.IdleMs(entry)) / 1000, entry.Version, size);
                return true;
            }));

        _cursor = next;
        _left -= items.Length;
        _done = next == 0 || _left <= 0;
        var text = new ArrayBufferWriter<byte>(items.Length * 64 + s_end.Length);
        foreach (var item in items)
        {
            Write(text, item);
        }

        if (_done)
        {
            text.Write(s_end);
        }

        part = new MemcachedReply.Raw(text.WrittenSpan.ToArray());
        return true;
    }

    private void Write(ArrayBufferWriter<byte> text, in Item item)
    {
        if (_meta)
        {
            Ascii(text, "key=");
            UriEncode(text, item.Key);
            Ascii(text, string.Create(CultureInfo.InvariantCulture,
                $" exp={item.ExpiresAt} la={item.LastAccess} cas={item.Cas} fetch=no cls=1 size={item.Size}\n"));
        }
        else
        {
            Ascii(text, "ITEM ");
            if (MemcachedSyntax.IsValidKey(item.Key))
            {
                text.Write(item.Key);
            }
            else
            {
                // A key another protocol wrote (spaces, line breaks) would break the line: encoded as metadump does.
                UriEncode(text, item.Key);
            }

            Ascii(text, string.Create(CultureInfo.InvariantCulture, $" [{item.ValueLength} b; {Math.Max(0, item.ExpiresAt)} s]\r\n"));
        }
    }

    /// <summary>memcached's uriencode: everything but letters, digits and <c>-._~</c> as %XX.</summary>
    private static void UriEncode(ArrayBufferWriter<byte> text, byte[] key)
    {
        var span = text.GetSpan(key.Length * 3);
        var at = 0;
        foreach (var b in key)
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                span[at++] = b;
            }
            else
            {
                span[at++] = (byte)'%';
                span[at++] = (byte)"0123456789ABCDEF"[b >> 4];
                span[at++] = (byte)"0123456789ABCDEF"[b & 15];
            }
        }

        text.Advance(at);
    }

    private static void Ascii(ArrayBufferWriter<byte> text, string value) => text.Advance(Encoding.ASCII.GetBytes(value, text.GetSpan(value.Length)));

    private readonly record struct Item(byte[] Key, int ValueLength, long ExpiresAt, long LastAccess, ulong Cas, long Size);
}
