namespace ReactiveCache.Protocols.Memcached;

/// <summary>
/// Splits a command line on spaces, as memcached's tokenize_command does (runs of spaces are one
/// separator). A ref struct over the line: no allocation, one pass.
/// </summary>
internal ref struct MemcachedTokenizer(ReadOnlySpan<byte> line)
{
    private ReadOnlySpan<byte> _rest = line;

    public bool TryNext(out ReadOnlySpan<byte> token)
    {
        var start = 0;
        while (start < _rest.Length && _rest[start] == (byte)' ')
        {
            start++;
        }

        if (start == _rest.Length)
        {
            token = default;
            _rest = default;
            return false;
        }

        var rest = _rest[start..];
        var end = rest.IndexOf((byte)' ');
        token = end < 0 ? rest : rest[..end];
        _rest = end < 0 ? default : rest[end..];
        return true;
    }

    /// <summary>The next token, or an empty span when there is none.</summary>
    public ReadOnlySpan<byte> Next() => TryNext(out var token) ? token : default;

    /// <summary>How many tokens are left (scans ahead without consuming).</summary>
    public readonly int Remaining()
    {
        var copy = this;
        var count = 0;
        while (copy.TryNext(out _))
        {
            count++;
        }

        return count;
    }
}
