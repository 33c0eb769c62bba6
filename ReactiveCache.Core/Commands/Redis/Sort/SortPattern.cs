using ReactiveCache.Store;
using ReactiveCache.Store.Values;

namespace ReactiveCache.Commands.Redis.Sort;

/// <summary>
/// A BY or GET pattern, as lookupKeyByPattern reads it: <c>#</c> is the element itself; otherwise the first <c>*</c> is
/// replaced by the element to name a key, whose string is the value, or, with <c>-&gt;field</c> after the <c>*</c>, that
/// field of the hash at the key. A missing key, a key of another type or a pattern without <c>*</c> gives nothing.
/// </summary>
/// <remarks>
/// Redis finds <c>#</c>, <c>*</c> and <c>-&gt;</c> with C string functions, which stop at a NUL byte, but copies the
/// pattern by its full length: both are kept, so a pattern holding a NUL names the same key as in Redis.
/// </remarks>
internal sealed class SortPattern
{
    private readonly byte[] _pattern;
    private readonly bool _isElement;
    private readonly int _star;
    private readonly byte[]? _field;
    private readonly int _suffixLength;

    public SortPattern(byte[] pattern)
    {
        _pattern = pattern;
        var searchable = pattern.AsSpan(0, CLength(pattern));
        _isElement = searchable.SequenceEqual("#"u8);
        _star = searchable.IndexOf((byte)'*');
        var arrow = _star < 0 ? -1 : searchable[(_star + 1)..].IndexOf("->"u8);
        if (arrow >= 0 && _star + 1 + arrow + 2 < searchable.Length)
        {
            var fieldAt = _star + 1 + arrow + 2;
            _field = pattern[fieldAt..];
            _suffixLength = pattern.Length - (_star + 1) - (_field.Length + 2);
        }
        else
        {
            _suffixLength = pattern.Length - (_star + 1);
        }
    }

    /// <summary>Whether the pattern names a key per element: a BY without <c>*</c> means "do not sort".</summary>
    public bool HasStar => _star >= 0;

    /// <summary>The value the pattern gives for <paramref name="element"/>, or null. The key looked up counts as read.</summary>
    public byte[]? Lookup(StoreWriter writer, byte[] element)
    {
        if (_isElement)
        {
            return element;
        }

        if (_star < 0)
        {
            return null;
        }

        var key = new byte[_star + element.Length + _suffixLength];
        _pattern.AsSpan(0, _star).CopyTo(key);
        element.CopyTo(key.AsSpan(_star));
        _pattern.AsSpan(_star + 1, _suffixLength).CopyTo(key.AsSpan(_star + element.Length));
        if (!writer.TryGet(key, out var entry))
        {
            return null;
        }

        return (_field, entry.Value) switch
        {
            (null, StringValue text) => text.Bytes,
            ({ } field, HashValue hash) => hash.TryGet(field, out var value) ? value : null,
            _ => null,
        };
    }

    private static int CLength(byte[] text)
    {
        var nul = Array.IndexOf(text, (byte)0);
        return nul < 0 ? text.Length : nul;
    }
}
